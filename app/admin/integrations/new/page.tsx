import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { requireUser } from "@/services/auth/dal";
import { integrationFormOptions, integrationValues } from "../form-values";
import { IntegrationForm } from "../integration-form";

export const metadata: Metadata = { title: "New integration" };
export const dynamic = "force-dynamic";

export default async function NewIntegrationPage() {
  await requireUser("admin");
  const db = getDb();
  return (
    <div>
      <p>
        <Link href="/admin/integrations" className="text-sm font-medium underline">
          Integrations
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New integration</h1>
      <p className="mt-2">Alerts from the monitoring you already run. Its intake URL is shown once, after saving.</p>
      <IntegrationForm values={integrationValues(db, null)} templates={integrationFormOptions(db).templates} />
    </div>
  );
}

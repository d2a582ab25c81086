import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { findIntegration } from "@/db/queries/integrations";
import { requireUser } from "@/services/auth/dal";
import { isId } from "@/core/ids";
import { integrationFormOptions, integrationValues } from "../../form-values";
import { IntegrationForm } from "../../integration-form";

export const metadata: Metadata = { title: "Edit integration" };
export const dynamic = "force-dynamic";

export default async function EditIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("admin");
  const { id } = await params;
  const db = getDb();
  const integration = isId(id) ? findIntegration(db, id) : undefined;
  if (!integration) notFound();
  return (
    <div>
      <p>
        <Link href={`/admin/integrations/${id}`} className="text-sm font-medium underline">
          {integration.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Edit “{integration.name}”</h1>
      <IntegrationForm
        id={id}
        values={integrationValues(db, integration)}
        templates={integrationFormOptions(db).templates}
      />
    </div>
  );
}

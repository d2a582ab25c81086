import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { pickerGroups } from "@/services/console/incident-display";
import { TemplateForm } from "../template-form";

export const metadata: Metadata = { title: "New incident template" };

export default async function NewTemplatePage() {
  await requireUser("editor");
  const db = getDb();
  return (
    <div>
      <p>
        <Link href="/admin/incidents/templates" className="text-sm font-medium underline">
          Incident templates
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New incident template</h1>
      <TemplateForm groups={pickerGroups(db, getThePage(db).id)} />
    </div>
  );
}

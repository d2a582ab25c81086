import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { findTemplate } from "@/db/queries/templates";
import { requireUser } from "@/services/auth/dal";
import { pickerGroups } from "@/services/console/incident-display";
import { ID_PATTERN } from "@/core/ids";
import { TemplateForm } from "../template-form";

export const metadata: Metadata = { title: "Edit incident template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("editor");
  const { id } = await params;
  const db = getDb();
  const pageId = getThePage(db).id;
  const template = ID_PATTERN.test(id) ? findTemplate(db, pageId, id) : null;
  if (!template) notFound();
  return (
    <div>
      <p>
        <Link href="/admin/incidents/templates" className="text-sm font-medium underline">
          Incident templates
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Edit template “{template.name}”</h1>
      <TemplateForm groups={pickerGroups(db, pageId)} template={template} />
    </div>
  );
}

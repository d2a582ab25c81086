import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { findTemplate } from "@/db/queries/templates";
import { requireUser } from "@/services/auth/dal";
import { ID_PATTERN } from "@/core/ids";
import { deleteTemplateAction } from "../../actions";

export const metadata: Metadata = { title: "Delete incident template" };

export default async function DeleteTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("editor");
  const { id } = await params;
  const db = getDb();
  const template = ID_PATTERN.test(id) ? findTemplate(db, getThePage(db).id, id) : null;
  if (!template) notFound();
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Delete the template “{template.name}”?</h1>
      <p className="mt-4 text-slate-800 dark:text-slate-200">
        Incidents declared from it stay as they are; only the saved wording goes.
      </p>
      <ConfirmForm
        action={deleteTemplateAction}
        fields={{ id }}
        confirmLabel={`Delete ${template.name}`}
        cancelHref="/admin/incidents/templates"
      />
    </div>
  );
}

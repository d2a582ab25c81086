import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { describeComponentDeletion } from "@/services/console/services";
import { deleteComponentAction } from "../../actions";

export const metadata: Metadata = { title: "Delete service" };

export default async function DeleteServicePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("admin");
  const { id } = await params;
  const db = getDb();
  const found = describeComponentDeletion(db, getThePage(db).id, id);
  if (!found) notFound();
  const { component, incidentCount } = found;
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Delete {component.name}?</h1>
      <ul className="mt-4 list-disc space-y-1 pl-6 text-slate-800 dark:text-slate-200">
        <li>It disappears from the status page and from the console at once.</li>
        <li>Its status history and uptime go with it: they are no longer shown anywhere.</li>
        <li>
          {incidentCount === 0
            ? "No incident or maintenance mentions it."
            : `${incidentCount} past incident${incidentCount === 1 ? "" : "s"} or maintenance${incidentCount === 1 ? "" : "s"} mention it; they stay readable and keep its name.`}
        </li>
        <li>Subscribers who chose only this service stop hearing about it.</li>
      </ul>
      <ConfirmForm
        action={deleteComponentAction}
        fields={{ id }}
        confirmLabel={`Delete ${component.name}`}
        cancelHref="/admin/services"
      />
    </div>
  );
}

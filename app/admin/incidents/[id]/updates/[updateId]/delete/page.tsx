import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { INCIDENT_STATUS_LABELS } from "@/db/constants";
import { findConsoleIncident, incidentTimeline } from "@/db/queries/console-incidents";
import { getThePage } from "@/db/queries/settings";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { deleteIncidentUpdateAction } from "../../../../actions";

export const metadata: Metadata = { title: "Delete an update" };

export default async function DeleteUpdatePage({ params }: { params: Promise<{ id: string; updateId: string }> }) {
  await requireUser("admin");
  const { id, updateId } = await params;
  const db = getDb();
  const page = getThePage(db);
  const incident = findConsoleIncident(db, page.id, id);
  const update = incident ? incidentTimeline(db, incident.id).find((u) => u.id === updateId) : undefined;
  if (!incident || !update) notFound();
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Delete this update?</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        The {INCIDENT_STATUS_LABELS[update.status].toLowerCase()} update of{" "}
        {formatInZone(update.displayAt, page.timeZone)} on “{incident.name}” disappears from the public page and the
        feeds. Notifications already sent stay sent. The audit log keeps its text.
      </p>
      <blockquote className="mt-4 border-l-4 border-slate-300 pl-3 whitespace-pre-wrap break-words dark:border-slate-600">
        {update.body}
      </blockquote>
      <ConfirmForm
        action={deleteIncidentUpdateAction}
        fields={{ id: incident.id, updateId: update.id }}
        confirmLabel="Delete update"
        cancelHref={`/admin/incidents/${incident.id}`}
      />
    </div>
  );
}

// Which notification a lifecycle step sends. Called inside the step's transaction, so the change and its
// notification commit together (the outbox pattern); recipients are chosen later by the fan-out.
import type { Tx } from "@/db";
import type { AnyIncidentStatus, NotificationKind } from "@/db/constants";
import type { Incident } from "@/db/schema";
import { enqueueNotification } from "@/db/writes/outbox";

export function kindForUpdate(kind: Incident["kind"], status: AnyIncidentStatus, isFirst: boolean): NotificationKind {
  if (kind === "incident")
    return isFirst ? "incident_created" : status === "resolved" ? "incident_resolved" : "incident_updated";
  switch (status) {
    case "scheduled":
      return isFirst ? "maintenance_scheduled" : "incident_updated";
    case "in_progress":
      return "maintenance_started";
    case "completed":
      return "maintenance_completed";
    case "cancelled":
      return "maintenance_cancelled";
    default:
      return "incident_updated";
  }
}

export function notify(
  tx: Tx,
  incident: Pick<Incident, "id" | "pageId">,
  kind: NotificationKind,
  at: number,
  incidentUpdateId: string | null = null,
): void {
  enqueueNotification(tx, { pageId: incident.pageId, kind, at, incidentId: incident.id, incidentUpdateId });
}

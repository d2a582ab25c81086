// The team hears first: when a monitor goes down, the members who opted in get an email at once, through the
// outbox (a "monitor_down" notification queued in the same transaction as the state change). Subscribers
// never get this: they hear about incidents only.
import type { Tx } from "@/db";
import { COMPONENT_STATUS_LABELS } from "@/db/constants";
import { monitoredServiceName } from "@/db/queries/monitors";
import type { Monitor } from "@/db/schema";
import { enqueueNotification } from "@/db/writes/outbox";
import { optedInAddresses, setMonitorAlertOptIn } from "@/db/writes/team-alerts";
import type { Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";

function consequence(monitor: Monitor): string {
  if (!monitor.componentId) return "The monitor reports on no service, so the public page is unchanged.";
  const status = `The service shows ${COMPONENT_STATUS_LABELS[monitor.failureStatus].toLowerCase()} (unless an incident or maintenance holds it).`;
  if (monitor.incidentMode === "draft") return `${status} A draft incident waits for an admin to publish it.`;
  if (monitor.incidentMode === "published") return `${status} An incident was published from the monitor's template.`;
  return `${status} No incident was posted: subscribers have not been told.`;
}

export function queueTeamAlert(tx: Tx, monitor: Monitor, error: string | null, at: number): boolean {
  const to = optedInAddresses(tx);
  if (to.length === 0) return false;
  enqueueNotification(tx, {
    pageId: monitor.pageId,
    kind: "monitor_down",
    at,
    payload: {
      to,
      monitorId: monitor.id,
      monitorName: monitor.name,
      serviceName: monitoredServiceName(tx, monitor.componentId),
      error: error ?? "failing",
      at,
      consequence: consequence(monitor),
    },
  });
  return true;
}

/** A member turns their own team alerts on or off. */
export function setOwnMonitorAlerts(db: Tx, actor: Actor, on: boolean, now = Date.now()): void {
  if (actor.type !== "user") throw new DomainError("forbidden", "Only members receive team alerts");
  setMonitorAlertOptIn(db, actor.userId, on, now);
}

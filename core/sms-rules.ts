// Which notifications go out by SMS. SMS interrupts people and costs money per segment, so by default only
// incidents of major or critical impact and maintenance reminders; a subscriber may widen it to everything.
import type { NotificationKind } from "@/db/constants";

/** The notifications SMS can carry at all (nothing about subscriptions, team or webhooks). */
const SMS_KINDS: ReadonlySet<NotificationKind> = new Set([
  "incident_created",
  "incident_updated",
  "incident_resolved",
  "maintenance_scheduled",
  "maintenance_rescheduled",
  "maintenance_cancelled",
  "maintenance_reminder",
  "maintenance_started",
  "maintenance_completed",
]);

export function smsWants(kind: NotificationKind, impact: string, allImpacts: boolean): boolean {
  if (!SMS_KINDS.has(kind)) return false;
  if (allImpacts) return true;
  if (kind === "maintenance_reminder") return true;
  return kind.startsWith("incident_") && (impact === "major" || impact === "critical");
}

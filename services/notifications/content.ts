// Pure rules for what a notification email says: its subject, its times, its threading headers.
import { INCIDENT_STATUS_LABELS, type AnyIncidentStatus, type NotificationKind } from "@/db/constants";

export const SUBJECT_PREFIX: Partial<Record<NotificationKind, string>> = {
  postmortem_published: "Postmortem",
  maintenance_scheduled: "Scheduled maintenance",
  maintenance_rescheduled: "Maintenance rescheduled",
  maintenance_cancelled: "Maintenance cancelled",
  maintenance_reminder: "Maintenance reminder",
  maintenance_started: "Maintenance in progress",
  maintenance_completed: "Maintenance completed",
};

/** "[Investigating] Webmail slow to load", "[Resolved] ...", "[Scheduled maintenance] ...". */
export function notificationSubject(kind: NotificationKind, status: AnyIncidentStatus, name: string): string {
  const prefix = SUBJECT_PREFIX[kind] ?? INCIDENT_STATUS_LABELS[status];
  return `[${prefix}] ${name}`.replace(/[\r\n]+/g, " ").slice(0, 200);
}

/** "23 Nov 2026, 17:06 CET (Europe/Berlin)": the page's zone, named. */
export function formatInZone(ms: number, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(new Date(ms));
  return `${formatted} (${timeZone})`;
}

export function formatWindow(from: number, until: number | null, timeZone: string): string {
  return until === null
    ? `from ${formatInZone(from, timeZone)}`
    : `${formatInZone(from, timeZone)} to ${formatInZone(until, timeZone)}`;
}

/**
 * Threading: every email about one incident refers to the same root id, so mail clients show one thread.
 * The Message-ID of each email is stable per notification and recipient, so a retry is the same message.
 */
export function threadHeaders(publicUrl: string, incidentId: string, notificationId: string, subscriberId: string) {
  const host = new URL(publicUrl).hostname || "localhost";
  const root = `<incident-${incidentId}@${host}>`;
  return {
    "Message-ID": `<notification-${notificationId}-${subscriberId}@${host}>`,
    "In-Reply-To": root,
    References: root,
  };
}

/** RFC 8058 one-click unsubscribe headers. */
export function unsubscribeHeaders(unsubscribeUrl: string) {
  return { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

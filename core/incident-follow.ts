// The rules of following one incident: who of its followers receives a notification, and when a follow ends.
import type { NotificationKind } from "@/db/constants";

/** The notifications after which nothing more is said about an incident, short of a postmortem. */
const CLOSING_KINDS: ReadonlySet<NotificationKind> = new Set([
  "incident_resolved",
  "maintenance_completed",
  "maintenance_cancelled",
]);

/**
 * The recipients of an incident's notification: the page's subscribers who receive it anyway, plus the
 * incident's followers, except a follower whose address is already among the former (someone who follows the
 * incident and also subscribed to its services gets one email, not two). Sorted by id, like every fan-out.
 */
export function withFollowers(
  pageWide: readonly { id: string; email: string | null }[],
  followers: readonly { id: string; email: string | null }[],
): string[] {
  const covered = new Set(pageWide.map((r) => r.email?.toLowerCase()).filter(Boolean));
  const ids = new Set(pageWide.map((r) => r.id));
  for (const f of followers) if (!f.email || !covered.has(f.email.toLowerCase())) ids.add(f.id);
  return [...ids].sort();
}

/** Whether the follow ends once this notification has gone out (it is the last one the follower gets). */
export function followEndsWith(kind: NotificationKind, followPostmortem: boolean): boolean {
  if (kind === "postmortem_published") return true;
  return !followPostmortem && CLOSING_KINDS.has(kind);
}

/** How long after its resolution an incident's postmortem is waited for: a follow for it ends then anyway. */
export const POSTMORTEM_WAIT_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Whether there is nothing left to follow: resolved (or cancelled), and any postmortem asked for is out or
 * no longer expected (maintenance has none; an incident's is waited for POSTMORTEM_WAIT_MS).
 */
export function followIsOver(
  incident: {
    kind: "incident" | "maintenance";
    resolvedAt: number | null;
    cancelledAt: number | null;
    postmortemPublishedAt: number | null;
  },
  followPostmortem: boolean,
  now: number,
): boolean {
  if (incident.cancelledAt !== null || incident.postmortemPublishedAt !== null) return true;
  if (incident.resolvedAt === null) return false;
  return !followPostmortem || incident.kind === "maintenance" || incident.resolvedAt + POSTMORTEM_WAIT_MS <= now;
}

// Team emails about the static copy: a target failing for more than 5 minutes emails the members who opted in,
// once per failure episode, and once more when it publishes again (core/publish-schedule.ts publishAlertDue).
// Through the outbox, queued in the same transaction that records the email as sent for the episode, so two
// publishers ticking at once, or a crash in between, never send it twice. Team emails stay English.
import type { Db } from "@/db";
import { listPublishTargetStatus, pageForPublishing, publishAlertAddresses } from "@/db/queries/publish";
import { enqueueNotification } from "@/db/writes/outbox";
import { clearPublishAlert, markPublishAlerted, setPublishAlertOptIn } from "@/db/writes/publish";
import type { Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { publishAlertDue } from "@/core/publish-schedule";

/** A target's kind for people, from its status row's name ("s3", "folder", or a named target's kind). */
export function targetLabel(name: string): string {
  if (name === "s3" || name.startsWith("s3:")) return "S3 bucket";
  if (name === "folder" || name.startsWith("folder:")) return "Folder";
  return name;
}

export interface QueuedPublishAlert {
  target: string;
  alert: "failing" | "recovered";
}

/**
 * Queues the emails the configured targets are owed now (a target removed from the configuration is not
 * published, so it is owed nothing). Returns what was queued: nothing when nobody opted in.
 */
export function queuePublishAlerts(
  db: Db,
  now: number,
  targets: readonly { name: string; describe: string }[],
): QueuedPublishAlert[] {
  const where = new Map(targets.map((t) => [t.name, t.describe]));
  const queued: QueuedPublishAlert[] = [];
  for (const row of listPublishTargetStatus(db)) {
    if (!where.has(row.name)) continue;
    const due = publishAlertDue(row, now);
    if (!due) continue;
    db.transaction((tx) => {
      const won = due === "failing" ? markPublishAlerted(tx, row.name, now) : clearPublishAlert(tx, row.name, now);
      const to = publishAlertAddresses(tx);
      const page = pageForPublishing(tx);
      if (!won || !to.length || !page) return;
      enqueueNotification(tx, {
        pageId: page.id,
        kind: due === "failing" ? "publish_failing" : "publish_recovered",
        at: now,
        payload: {
          to,
          target: row.name,
          targetLabel: targetLabel(row.name),
          where: where.get(row.name)!,
          // Failing: since when; recovered: when it published again.
          since: due === "failing" ? row.failingSince : row.lastSuccessAt,
          lastError: row.lastError ?? "unknown",
        },
      });
      queued.push({ target: row.name, alert: due });
    });
  }
  return queued;
}

/** A member turns their own static-copy emails on or off. */
export function setOwnPublishAlerts(db: Db, actor: Actor, on: boolean, now = Date.now()): void {
  if (actor.type !== "user") throw new DomainError("forbidden", "Only members receive team alerts");
  db.transaction((tx) => setPublishAlertOptIn(tx, actor.userId, on, now));
}

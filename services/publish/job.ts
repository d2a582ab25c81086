// Publishing in the background: a job runner of its own (services/jobs/runner.ts: ticks never overlap, a
// failure is logged and retried) that every 2 s reads the public content version and publishes the targets
// that are due (core/publish-schedule.ts). So a change is published within a few seconds, reading the
// version costs microseconds, and a slow bucket never delays the other jobs, a write or a visitor: the
// pages come from the server's own cache over loopback, and the uploads are plain async I/O.
import type { Db } from "@/db";
import { readPublicContentVersion } from "@/db/change-watcher";
import { listPublishTargetStatus } from "@/db/queries/publish";
import { isPublishDue } from "@/core/publish-schedule";
import { startJobRunner, type JobRunner } from "@/services/jobs/runner";
import { publishSite, publisherId, type PublishOutcome, type PublishRun } from "./publish";

export const PUBLISH_TICK_MS = 2_000;

export function describeOutcome(o: PublishOutcome): string {
  if (o.busy) return `${o.target}: another process is publishing it; skipped`;
  const counts = `${o.uploaded} uploaded, ${o.deleted} deleted, ${o.unchanged} unchanged, ${(o.durationMs / 1000).toFixed(1)} s`;
  return o.ok ? `${o.target}: published (${counts})` : `${o.target}: failed (${counts}): ${o.error}`;
}

/** The targets due now, published together (the site is rendered once for all of them). */
export async function publishDueTargets(run: PublishRun, now: number): Promise<PublishOutcome[]> {
  const version = readPublicContentVersion(run.db);
  const states = new Map(listPublishTargetStatus(run.db).map((s) => [s.name, s]));
  const due = run.targets.filter((t) => isPublishDue(states.get(t.name), version, now));
  if (!due.length) return [];
  return publishSite({ ...run, targets: due });
}

export function startPublisher(
  run: Omit<PublishRun, "db" | "owner"> & { db: Db; log?: (m: string) => void; intervalMs?: number },
): JobRunner {
  const log = run.log ?? ((m: string) => console.log(m));
  const owner = publisherId();
  return startJobRunner({
    getDb: () => run.db,
    intervalMs: run.intervalMs ?? PUBLISH_TICK_MS,
    log,
    now: run.now,
    jobs: [
      {
        name: "publish",
        run: async (db, now) => {
          const outcomes = await publishDueTargets({ ...run, db, owner }, now);
          // Quiet when nothing changed: the every-minute republish of an unchanged site uploads nothing.
          for (const o of outcomes) if (!o.ok || o.uploaded + o.deleted > 0) log(`[publish] ${describeOutcome(o)}`);
        },
      },
    ],
  });
}

// Publishing in the background: a job runner of its own (services/jobs/runner.ts: ticks never overlap, a
// failure is logged and retried) that every 2 s reads the public content version and publishes the targets
// that are due (core/publish-schedule.ts). So a change is published within a few seconds, reading the
// version costs microseconds, and a slow bucket never delays the other jobs, a write or a visitor: the
// pages come from the server's own cache over loopback, and the uploads are plain async I/O.
import type { Db } from "@/db";
import { readPublicContentVersion } from "@/db/change-watcher";
import { listPublishTargetStatus, pageForPublishing } from "@/db/queries/publish";
import { publishKind, type LastFull } from "@/core/publish-schedule";
import { startJobRunner, type JobRunner } from "@/services/jobs/runner";
import { publishSite, publisherId, type PublishOutcome, type PublishRun } from "./publish";
import type { PublishTarget } from "./target";
import { queuePublishAlerts } from "./team-alert";

export const PUBLISH_TICK_MS = 2_000;
/** A full run gives way to a change this many times in a row at most, so steady changes cannot starve it. */
export const MAX_GIVE_WAY = 3;

export function describeOutcome(o: PublishOutcome): string {
  if (o.busy) return `${o.target}: another process is publishing it; skipped`;
  if (o.superseded) return `${o.target}: the full run gave way to a change (its quick run goes first)`;
  const counts = `${o.uploaded} uploaded, ${o.deleted} deleted, ${o.unchanged} unchanged, ${(o.durationMs / 1000).toFixed(1)} s`;
  return o.ok
    ? `${o.target}: published${o.quick ? " the current state" : ""} (${counts})`
    : `${o.target}: failed (${counts}): ${o.error}`;
}

/**
 * The targets due now, published together (the site is rendered once for all of them), as the kind of run
 * core/publish-schedule.ts publishKind decides: a quick run right after a change (the current state and the
 * changed incidents), the full site when public content changed since the last full run (after the quick
 * one went out), hourly and after local midnight, and otherwise each minute only the time-dependent set.
 * `lastFull` is this process's memory of full publishes.
 */
export async function publishDueTargets(
  run: PublishRun,
  now: number,
  lastFull: Map<string, LastFull> = new Map(),
  /** Full runs that gave way to a change in a row: after MAX_GIVE_WAY one completes whatever changes. */
  gaveWay = { count: 0 },
): Promise<PublishOutcome[]> {
  const version = readPublicContentVersion(run.db);
  const states = new Map(listPublishTargetStatus(run.db).map((s) => [s.name, s]));
  const page = pageForPublishing(run.db);
  const zone = String(page?.time_zone ?? page?.timeZone ?? "Etc/UTC");
  const kinds = new Map(
    run.targets.map((t) => [t, publishKind(states.get(t.name), version, now, lastFull.get(t.name), zone)]),
  );
  const due = run.targets.filter((t) => kinds.get(t) !== undefined);
  if (!due.length) return [];
  const wanted = [...kinds.values()];
  // A change goes out first (a target owed a full run gets it on the next tick); else a full run for all.
  const kind = wanted.includes("quick") ? "quick" : wanted.includes("full") ? "full" : "time";
  const quickSince =
    kind === "full"
      ? undefined
      : // From the start of the last run, less a second for clocks of other writers.
        Math.min(...due.filter((t) => kinds.get(t) !== "full").map((t) => states.get(t.name)?.lastAttemptAt ?? 0)) -
        1_000;
  const giveWayToChanges = kind === "full" && gaveWay.count < MAX_GIVE_WAY;
  const outcomes = await publishSite({ ...run, targets: due, quickSince, giveWayToChanges });
  for (const o of outcomes) if (o.ok && !o.quick) lastFull.set(o.target, { at: now, version });
  if (outcomes.some((o) => o.superseded)) gaveWay.count++;
  else if (kind === "full") gaveWay.count = 0;
  return outcomes;
}

export function startPublisher(
  run: Omit<PublishRun, "db" | "owner"> & {
    db: Db;
    log?: (m: string) => void;
    intervalMs?: number;
    /** Read on every tick (targets added in the console); `targets` when absent. */
    targetSource?: () => PublishTarget[];
  },
): JobRunner {
  const log = run.log ?? ((m: string) => console.log(m));
  const owner = publisherId();
  const lastFull = new Map<string, LastFull>();
  const gaveWay = { count: 0 };
  return startJobRunner({
    getDb: () => run.db,
    intervalMs: run.intervalMs ?? PUBLISH_TICK_MS,
    log,
    now: run.now,
    jobs: [
      {
        name: "publish",
        run: async (db, now) => {
          const targets = run.targetSource?.() ?? run.targets;
          const outcomes = targets.length
            ? await publishDueTargets({ ...run, targets, db, owner }, now, lastFull, gaveWay)
            : [];
          // Quiet when nothing changed: the minute's run of an unchanged site uploads nothing.
          for (const o of outcomes) if (!o.ok || o.uploaded + o.deleted > 0) log(`[publish] ${describeOutcome(o)}`);
          // Every tick, not only after a run: a failing target's retries slow to one per 5 minutes.
          for (const a of queuePublishAlerts(db, now, targets))
            log(
              `[publish] ${a.target}: emailed the team that it is ${a.alert === "failing" ? "failing" : "publishing again"}`,
            );
        },
      },
    ],
  });
}

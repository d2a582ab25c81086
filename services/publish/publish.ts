// One publish: render the public site once through the running app, then bring each target up to date
// (upload.ts), each under its own lease so two processes never publish to one target at once, and record
// the outcome per target for the console. A target failing does not stop the others.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { readPublicContentVersion } from "@/db/change-watcher";
import { findPublishTargetStatus, incidentsChangedSince, pageForPublishing, publishSeeds } from "@/db/queries/publish";
import {
  claimPublishLease,
  clearPublishRequest,
  recordPublishFailure,
  recordPublishSuccess,
  releasePublishLease,
  takeOverPublishLease,
} from "@/db/writes/publish";
import { publishRefusal } from "@/core/publish-paths";
import {
  buildObjects,
  crawlSite,
  CURRENT_STATE_URLS,
  inEveryLanguage,
  NOT_FOUND_PROBE,
  seedUrls,
  type SiteFetcher,
} from "./site";
import type { Manifest, PublishTarget } from "./target";
import { uploadToTarget, PublishFailure } from "./upload";

/** A lease outlives a stalled publisher by this much; the holder renews it while it works. */
const LEASE_MS = 60_000;
const RENEW_MS = 20_000;

export const publisherId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/** A lease held by a process of this machine that no longer exists (killed): no need to wait it out. */
function heldByDeadProcess(owner: string | null | undefined): boolean {
  const [host, pid] = (owner ?? "").split(":");
  if (host !== hostname() || !/^\d+$/.test(pid ?? "") || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function claim(db: Db, name: string, owner: string, at: number): boolean {
  if (claimPublishLease(db, name, owner, at, LEASE_MS)) return true;
  const holder = findPublishTargetStatus(db, name)?.leaseOwner;
  return heldByDeadProcess(holder) && takeOverPublishLease(db, name, holder!, owner, at, LEASE_MS);
}

export interface PublishOutcome {
  target: string;
  ok: boolean;
  /** The target was being published by another process: skipped, not failed. */
  busy?: boolean;
  uploaded: number;
  deleted: number;
  unchanged: number;
  durationMs: number;
  error?: string;
  /** Only the current state and the changed incidents were rendered (see PublishRun.quickSince). */
  quick?: boolean;
  /** Of durationMs, the time spent reading the site from the app. */
  renderMs?: number;
  /** A full run stopped while rendering because public content changed (see PublishRun.giveWayToChanges). */
  superseded?: boolean;
}

export interface PublishRun {
  db: Db;
  fetcher: SiteFetcher;
  targets: PublishTarget[];
  /** The origin's address (forms, sign-in) and the addresses the app calls itself by. */
  origin: string;
  origins: string[];
  baseUrl?: string;
  owner?: string;
  now?: () => number;
  signal?: AbortSignal;
  retryDelayMs?: number;
  /**
   * A quick publish: only the pages showing the current state and the incidents changed since this time
   * (plus pages they newly link to); nothing deleted. The background publisher does one right after a change
   * and a full one every minute, so a change is out in seconds however large the site.
   */
  quickSince?: number;
  /**
   * A full run stops rendering (uploading nothing, recording no failure) when the public content version moves,
   * so the quick run of that change is not queued behind minutes of rendering; the full run is owed again.
   */
  giveWayToChanges?: boolean;
}

/** How often a full run that gives way reads the public content version (microseconds each). */
const VERSION_CHECK_MS = 250;

const zero = () => ({ uploaded: 0, deleted: 0, unchanged: 0 });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function publishSite(run: PublishRun): Promise<PublishOutcome[]> {
  const now = run.now ?? Date.now;
  const owner = run.owner ?? publisherId();
  const startedAt = now();
  const held = run.targets.filter((t) => claim(run.db, t.name, owner, startedAt));
  const busy = run.targets
    .filter((t) => !held.includes(t))
    .map((t) => ({ target: t.name, ok: false, busy: true, uploaded: 0, deleted: 0, unchanged: 0, durationMs: 0 }));
  if (!held.length) return busy;
  const renew = setInterval(() => {
    for (const t of held) claimPublishLease(run.db, t.name, owner, now(), LEASE_MS);
  }, RENEW_MS);
  renew.unref?.();
  let watch: ReturnType<typeof setInterval> | undefined;
  const fail = (t: PublishTarget, error: string, partial = { uploaded: 0, deleted: 0, unchanged: 0 }) => {
    const at = now();
    recordPublishFailure(run.db, t.name, { startedAt, at, error });
    return { target: t.name, ok: false, ...partial, durationMs: at - startedAt, error };
  };
  try {
    for (const t of held) clearPublishRequest(run.db, t.name, startedAt, startedAt);
    const page = pageForPublishing(run.db);
    const refused = page ? publishRefusal(page) : "The database has no page yet.";
    if (refused) return [...busy, ...held.map((t) => fail(t, refused))];
    // The page's own address (set in the console) is where visitors reach the origin, and what it links by.
    const pageUrl = typeof page!.url === "string" && page!.url ? page!.url.replace(/\/+$/, "") : undefined;
    const origin = pageUrl ?? run.origin;
    const origins = [...new Set([...run.origins, run.origin, ...(pageUrl ? [pageUrl] : [])])];
    // Read before rendering: a change made while this run renders raises it again, and the next tick publishes.
    const version = readPublicContentVersion(run.db);
    // A quick publish needs every target's manifest to know where the pages it does not render are.
    const manifests = new Map<string, Manifest>();
    let quick = run.quickSince !== undefined;
    const knownKeys = new Map<string, string>();
    let rounds: { seeds: string[]; expand: (url: string) => string[] }[];
    let known: Set<string>;
    try {
      if (quick) {
        for (const t of held) manifests.set(t.name, await t.readManifest());
        quick = [...manifests.values()].every((m) => Object.values(m).some((e) => e.url));
      }
      if (quick) {
        for (const m of manifests.values())
          for (const [key, e] of Object.entries(m)) if (e.url) knownKeys.set(e.url, key);
      }
      const seeds = quick
        ? [
            ...CURRENT_STATE_URLS,
            ...incidentsChangedSince(run.db, page!.id, run.quickSince!).flatMap((i) => [
              `/incidents/${i.id}`,
              ...(i.kind === "maintenance" ? [`/maintenances/${i.id}.ics`] : []),
            ]),
          ]
        : seedUrls(publishSeeds(run.db, page!.id));
      known = new Set([...knownKeys.keys()].filter((u) => !seeds.includes(u)));
      // The change out first: a quick publish renders and uploads the API and the default language's pages as a
      // round of their own, then the other languages' copies (7 of the 8, so most of the work).
      const one = (url: string) => [url];
      rounds = quick
        ? [
            { seeds, expand: one },
            { seeds: seeds.flatMap((u) => inEveryLanguage(u).slice(1)), expand: one },
          ]
        : [{ seeds, expand: inEveryLanguage }];
    } catch (err) {
      const error = `Rendering the site failed: ${message(err)}`;
      return [...busy, ...held.map((t) => fail(t, error))];
    }
    const superseded = new AbortController();
    if (!quick && run.giveWayToChanges) {
      watch = setInterval(() => {
        if (readPublicContentVersion(run.db) !== version) superseded.abort(new Error("superseded"));
      }, VERSION_CHECK_MS);
      watch.unref?.();
    }
    const crawlSignal = run.signal ? AbortSignal.any([run.signal, superseded.signal]) : superseded.signal;
    const totals = new Map(held.map((t) => [t.name, { uploaded: 0, deleted: 0, unchanged: 0 }]));
    const failed = new Map<string, PublishOutcome>();
    let renderMs = 0;
    for (const round of rounds) {
      let objects;
      try {
        const crawlStart = now();
        const pages = await crawlSite(run.fetcher, round.seeds, crawlSignal, known, round.expand);
        renderMs += now() - crawlStart;
        const notFound = quick ? undefined : await run.fetcher(NOT_FOUND_PROBE);
        objects = buildObjects(
          pages,
          notFound?.status === 404 ? notFound : undefined,
          { origin, origins, baseUrl: run.baseUrl },
          knownKeys,
        );
        // Rendered: from here the run completes (uploads are quick next to the render).
        clearInterval(watch);
        // The next round links to these and does not fetch them again.
        for (const o of objects) {
          if (!o.url) continue;
          known.add(o.url);
          knownKeys.set(o.url, o.key);
        }
      } catch (err) {
        if (superseded.signal.aborted && !run.signal?.aborted) {
          const durationMs = now() - startedAt;
          return [
            ...busy,
            ...held.map((t) => ({ target: t.name, ok: false, superseded: true, ...zero(), durationMs })),
          ];
        }
        clearInterval(watch);
        const error = `Rendering the site failed: ${message(err)}`;
        for (const t of held) if (!failed.has(t.name)) failed.set(t.name, fail(t, error, totals.get(t.name)));
        break;
      }
      for (const t of held) {
        if (failed.has(t.name)) continue;
        const sum = totals.get(t.name)!;
        try {
          const result = await uploadToTarget(t, objects, {
            now: now(),
            startedAt,
            origin,
            signal: run.signal,
            retryDelayMs: run.retryDelayMs,
            partial: quick,
            manifest: manifests.get(t.name),
          });
          for (const k of ["uploaded", "deleted", "unchanged"] as const) sum[k] += result[k];
        } catch (err) {
          if (err instanceof PublishFailure)
            for (const k of ["uploaded", "deleted", "unchanged"] as const) sum[k] += err.partial[k];
          failed.set(t.name, fail(t, message(err), sum));
        }
      }
    }
    const outcomes: PublishOutcome[] = held.map((t) => {
      const done = failed.get(t.name);
      if (done) return done;
      const result = totals.get(t.name)!;
      const at = now();
      recordPublishSuccess(run.db, t.name, {
        version,
        startedAt,
        at,
        objectsChanged: result.uploaded + result.deleted,
      });
      return { target: t.name, ok: true, ...result, durationMs: at - startedAt, quick, renderMs };
    });
    return [...busy, ...outcomes];
  } finally {
    clearInterval(renew);
    clearInterval(watch);
    for (const t of held) releasePublishLease(run.db, t.name, owner, now());
  }
}

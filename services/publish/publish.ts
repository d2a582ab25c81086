// One publish: render the public site once through the running app, then bring each target up to date
// (upload.ts), each under its own lease so two processes never publish to one target at once, and record
// the outcome per target for the console. A target failing does not stop the others.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { readPublicContentVersion } from "@/db/change-watcher";
import { findPublishTargetStatus, pageForPublishing, publishSeeds } from "@/db/queries/publish";
import {
  claimPublishLease,
  clearPublishRequest,
  recordPublishFailure,
  recordPublishSuccess,
  releasePublishLease,
  takeOverPublishLease,
} from "@/db/writes/publish";
import { publishRefusal } from "@/core/publish-paths";
import { buildObjects, crawlSite, NOT_FOUND_PROBE, seedUrls, type SiteFetcher } from "./site";
import type { PublishTarget } from "./target";
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
}

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
    let objects;
    try {
      const pages = await crawlSite(run.fetcher, seedUrls(publishSeeds(run.db, page!.id)), run.signal);
      const notFound = await run.fetcher(NOT_FOUND_PROBE);
      objects = buildObjects(pages, notFound.status === 404 ? notFound : undefined, {
        origin,
        origins,
        baseUrl: run.baseUrl,
      });
    } catch (err) {
      const error = `Rendering the site failed: ${message(err)}`;
      return [...busy, ...held.map((t) => fail(t, error))];
    }
    const outcomes: PublishOutcome[] = [];
    for (const t of held) {
      try {
        const result = await uploadToTarget(t, objects, {
          now: now(),
          origin,
          signal: run.signal,
          retryDelayMs: run.retryDelayMs,
        });
        const at = now();
        recordPublishSuccess(run.db, t.name, {
          version,
          startedAt,
          at,
          objectsChanged: result.uploaded + result.deleted,
        });
        outcomes.push({ target: t.name, ok: true, ...result, durationMs: at - startedAt });
      } catch (err) {
        outcomes.push(fail(t, message(err), err instanceof PublishFailure ? err.partial : undefined));
      }
    }
    return [...busy, ...outcomes];
  } finally {
    clearInterval(renew);
    for (const t of held) releasePublishLease(run.db, t.name, owner, now());
  }
}

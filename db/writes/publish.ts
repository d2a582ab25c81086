// Writes for static publishing: the per-target lease (one publish at a time per target, across processes),
// the outcome of each run, and "Publish now".
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Tx } from "../index";
import { publishTargets, users } from "../schema";

function ensureRow(tx: Tx, name: string, at: number): void {
  tx.insert(publishTargets).values({ name, updatedAt: at }).onConflictDoNothing().run();
}

/**
 * Takes the target's lease for `ms` if no one holds it (or it ran out: the holder died, say by SIGKILL).
 * Returns whether this owner holds it now.
 */
export function claimPublishLease(tx: Tx, name: string, owner: string, at: number, ms: number): boolean {
  ensureRow(tx, name, at);
  const result = tx
    .update(publishTargets)
    .set({ leaseOwner: owner, leaseUntil: at + ms, updatedAt: at })
    .where(
      and(
        eq(publishTargets.name, name),
        or(isNull(publishTargets.leaseUntil), lt(publishTargets.leaseUntil, at), eq(publishTargets.leaseOwner, owner)),
      ),
    )
    .run();
  return result.changes === 1;
}

/** Takes the lease from `from` (a holder known to be dead), unless someone else took it meanwhile. */
export function takeOverPublishLease(
  tx: Tx,
  name: string,
  from: string,
  owner: string,
  at: number,
  ms: number,
): boolean {
  const result = tx
    .update(publishTargets)
    .set({ leaseOwner: owner, leaseUntil: at + ms, updatedAt: at })
    .where(and(eq(publishTargets.name, name), eq(publishTargets.leaseOwner, from)))
    .run();
  return result.changes === 1;
}

export function releasePublishLease(tx: Tx, name: string, owner: string, at: number): void {
  tx.update(publishTargets)
    .set({ leaseOwner: null, leaseUntil: null, updatedAt: at })
    .where(and(eq(publishTargets.name, name), eq(publishTargets.leaseOwner, owner)))
    .run();
}

export function recordPublishSuccess(
  tx: Tx,
  name: string,
  run: { version: number; startedAt: number; at: number; objectsChanged: number },
): void {
  ensureRow(tx, name, run.at);
  tx.update(publishTargets)
    .set({
      publishedVersion: run.version,
      lastAttemptAt: run.startedAt,
      lastSuccessAt: run.at,
      lastDurationMs: run.at - run.startedAt,
      lastObjectsChanged: run.objectsChanged,
      failingSince: null,
      updatedAt: run.at,
    })
    .where(eq(publishTargets.name, name))
    .run();
}

export function recordPublishFailure(
  tx: Tx,
  name: string,
  run: { startedAt: number; at: number; error: string },
): void {
  ensureRow(tx, name, run.at);
  tx.update(publishTargets)
    .set({
      lastAttemptAt: run.startedAt,
      lastError: run.error.slice(0, 2000),
      lastErrorAt: run.at,
      failingSince: sql`coalesce(${publishTargets.failingSince}, ${run.startedAt})`,
      updatedAt: run.at,
    })
    .where(eq(publishTargets.name, name))
    .run();
}

/** "Publish now": the next tick publishes this target (or every target, without a name) whatever changed. */
export function requestPublish(tx: Tx, names: string[], at: number): void {
  for (const name of names) {
    ensureRow(tx, name, at);
    tx.update(publishTargets).set({ requestedAt: at, updatedAt: at }).where(eq(publishTargets.name, name)).run();
  }
}

/** Clears a request that the run which just started has taken care of (a newer one stays). */
export function clearPublishRequest(tx: Tx, name: string, upTo: number, at: number): void {
  tx.update(publishTargets)
    .set({ requestedAt: null, updatedAt: at })
    .where(and(eq(publishTargets.name, name), lt(publishTargets.requestedAt, upTo + 1)))
    .run();
}

/**
 * Records that the team was told of this failure episode. Only one caller wins (the row must still be failing
 * and untold), so two processes ticking at once queue one email.
 */
export function markPublishAlerted(tx: Tx, name: string, at: number): boolean {
  return (
    tx
      .update(publishTargets)
      .set({ alertedAt: at, updatedAt: at })
      .where(
        and(eq(publishTargets.name, name), isNotNull(publishTargets.failingSince), isNull(publishTargets.alertedAt)),
      )
      .run().changes === 1
  );
}

/** Ends a told episode once the target publishes again; true for the one caller that should say so. */
export function clearPublishAlert(tx: Tx, name: string, at: number): boolean {
  return (
    tx
      .update(publishTargets)
      .set({ alertedAt: null, updatedAt: at })
      .where(
        and(eq(publishTargets.name, name), isNull(publishTargets.failingSince), isNotNull(publishTargets.alertedAt)),
      )
      .run().changes === 1
  );
}

export function setPublishAlertOptIn(tx: Tx, userId: string, on: boolean, at: number): void {
  tx.update(users).set({ notifyOnPublishFailure: on, updatedAt: at }).where(eq(users.id, userId)).run();
}

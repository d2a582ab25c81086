// Status claims: how automation says "this service is not well" (see core/precedence.ts for how claims
// become the service's status, and services/monitors/apply-claims.ts for where that is written).
//
// THE CLAIM MECHANISM, for every machine source:
//   - A source is a kind ("monitor" | "integration") and an id (the monitor's or the integration's). One source
//     may hold several claims at once, told apart by `key`: a monitor uses "" (one claim), an alert
//     integration uses the alert's fingerprint (one claim per firing alert; grouped notifications and
//     re-sends of the same alert hit the same open claim, so they are deduplicated for free).
//   - openClaim() is idempotent: the same status again changes nothing; a different status ends the open claim
//     and starts a new one (a change of status is a new claim: it overrides an older hand-set status).
//   - endClaim() ends one; endClaimsOf() ends all of a source's (the source was deleted or paused).
//   - After any of these, call reconcileComponentStatus() (services/monitors/apply-claims.ts) for the component in
//     the same transaction: it applies the precedence table and writes the status history with source
//     "automation" and the claimant, so uptime is computed from it like everything else.
import { and, eq, isNull } from "drizzle-orm";
import type { ClaimSource, ComponentStatus } from "@/db/constants";
import type { Tx } from "../index";
import { statusClaims } from "../schema";

export interface ClaimInput {
  componentId: string;
  source: ClaimSource;
  sourceId: string;
  key?: string;
  status: ComponentStatus;
  summary?: string | null;
  at: number;
}

const openOf = (source: ClaimSource, sourceId: string, key: string) =>
  and(
    eq(statusClaims.source, source),
    eq(statusClaims.sourceId, sourceId),
    eq(statusClaims.key, key),
    isNull(statusClaims.endedAt),
  );

/** Opens (or keeps) a claim; returns true when something changed. */
export function openClaim(tx: Tx, input: ClaimInput): boolean {
  const key = input.key ?? "";
  const open = tx
    .select()
    .from(statusClaims)
    .where(openOf(input.source, input.sourceId, key))
    .get();
  if (open && open.status === input.status && open.componentId === input.componentId) return false;
  if (open) tx.update(statusClaims).set({ endedAt: input.at }).where(eq(statusClaims.id, open.id)).run();
  tx.insert(statusClaims)
    .values({
      componentId: input.componentId,
      source: input.source,
      sourceId: input.sourceId,
      key,
      status: input.status,
      summary: input.summary ?? null,
      since: input.at,
    })
    .run();
  return true;
}

/** Ends a claim; returns the component it was for, or null when there was no open claim. */
export function endClaim(tx: Tx, source: ClaimSource, sourceId: string, key: string, at: number): string | null {
  const open = tx
    .select()
    .from(statusClaims)
    .where(openOf(source, sourceId, key))
    .get();
  if (!open) return null;
  tx.update(statusClaims).set({ endedAt: at }).where(eq(statusClaims.id, open.id)).run();
  return open.componentId;
}

/** Ends every open claim of a source; returns the components they were for. */
export function endClaimsOf(tx: Tx, source: ClaimSource, sourceId: string, at: number): string[] {
  const rows = tx
    .update(statusClaims)
    .set({ endedAt: at })
    .where(and(eq(statusClaims.source, source), eq(statusClaims.sourceId, sourceId), isNull(statusClaims.endedAt)))
    .returning({ componentId: statusClaims.componentId })
    .all();
  return [...new Set(rows.map((r) => r.componentId))];
}

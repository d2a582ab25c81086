// Writes what the precedence table decides for a service, in the caller's transaction. Every change is a
// status history row with source "automation" and the claimant whose claim is the worst (so uptime and
// "what happened when" read it like any other change).
import type { Tx } from "@/db";
import type { ClaimSource } from "@/db/constants";
import { openClaimsFor, precedenceFacts } from "@/db/queries/claims";
import { setComponentStatus } from "@/db/writes/components";
import { decideStatus } from "@/core/precedence";
import { componentSeverity } from "@/core/status";

/** `trigger`: the source whose change prompted this, named in the history when no claim remains open. */
export function reconcileComponentStatus(
  tx: Tx,
  componentId: string,
  at: number,
  trigger?: { source: ClaimSource; sourceId: string },
): { rule: string; changed: boolean } {
  const facts = precedenceFacts(tx, componentId);
  if (!facts || facts.deleted) return { rule: "deleted", changed: false };
  const decision = decideStatus(facts);
  if (decision.status === null) return { rule: decision.rule, changed: false };
  const claimant = openClaimsFor(tx, componentId).sort(
    (a, b) => componentSeverity(b.status) - componentSeverity(a.status) || a.since - b.since,
  )[0];
  setComponentStatus(tx, componentId, decision.status, at, {
    source: "automation",
    claimSource: claimant?.source ?? trigger?.source ?? null,
    claimSourceId: claimant?.sourceId ?? trigger?.sourceId ?? null,
  });
  return { rule: decision.rule, changed: true };
}

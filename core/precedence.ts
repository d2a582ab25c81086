// Which status a service should show when machines claim statuses for it: the precedence table.
// Pure: the caller (services/monitors/apply-claims.ts) gathers the facts and writes the outcome.
//
// Claims are how automation speaks (db/writes/claims.ts): each source of truth (a monitor that is down, a
// firing alert: source "monitor" | "integration", with its id and a key such as an alert fingerprint) holds
// at most one open claim of a status for a service. The rows below are tried top to bottom; the first whose
// `when` holds decides. `status: null` means "leave the service as it is".
import type { ComponentStatus, StatusSource } from "@/db/constants";
import { componentSeverity } from "./status";

export interface ActiveClaim {
  status: ComponentStatus;
  since: number;
}

export interface PrecedenceFacts {
  current: ComponentStatus;
  /** An unresolved incident lists this service. */
  openIncident: boolean;
  /** A maintenance in progress lists this service. */
  maintenanceInProgress: boolean;
  /** The newest status history row of the service. */
  lastChange: { source: StatusSource; at: number } | null;
  claims: readonly ActiveClaim[];
}

export interface PrecedenceRow {
  rule: string;
  when: (f: PrecedenceFacts) => boolean;
  status: (f: PrecedenceFacts) => ComponentStatus | null;
}

/** Sources that mean a person decided the status (an incident is posted by a person, or by automation itself). */
const BY_HAND: readonly StatusSource[] = ["manual", "api", "incident", "seed"];

export function worstClaim(claims: readonly ActiveClaim[]): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const c of claims) if (componentSeverity(c.status) > componentSeverity(worst)) worst = c.status;
  return worst;
}

const newestClaimSince = (f: PrecedenceFacts) => Math.max(...f.claims.map((c) => c.since));

export const PRECEDENCE: readonly PrecedenceRow[] = [
  // People managing an incident set its services' statuses; automation never argues with them.
  { rule: "open incident wins", when: (f) => f.openIncident, status: () => null },
  // Work in progress is not an outage: claims wait until the window ends.
  { rule: "maintenance suppresses claims", when: (f) => f.maintenanceInProgress, status: () => null },
  // A status set by hand stands until the admin changes it or a claim newer than it arrives.
  {
    rule: "hand-set status stands",
    when: (f) =>
      f.lastChange !== null &&
      BY_HAND.includes(f.lastChange.source) &&
      (f.claims.length === 0 || newestClaimSince(f) <= f.lastChange.at),
    status: () => null,
  },
  { rule: "worst active claim", when: (f) => f.claims.length > 0, status: (f) => worstClaim(f.claims) },
  // Automation set it and nobody claims anything any more: back to operational.
  { rule: "claims ended", when: (f) => f.lastChange?.source === "automation", status: () => "operational" },
  { rule: "nothing claimed", when: () => true, status: () => null },
];

export interface PrecedenceDecision {
  rule: string;
  /** The status to set, or null to leave the service alone (also when it already has that status). */
  status: ComponentStatus | null;
}

export function decideStatus(facts: PrecedenceFacts): PrecedenceDecision {
  const row = PRECEDENCE.find((r) => r.when(facts))!;
  const status = row.status(facts);
  return { rule: row.rule, status: status === facts.current ? null : status };
}

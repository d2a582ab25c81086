// The circuit breaker of one endpoint (a webhook receiver; the chat channels to come use the same): after
// THRESHOLD failed sends in a row it opens, and that endpoint's deliveries wait out a cool-down without
// being tried (so they burn none of their retries and hold no slot). When it ends, the next send is the
// probe (one at a time per endpoint, see lanes.ts): a success closes the circuit, a failure opens it again
// for twice as long, up to an hour. State lives in the database (subscribers.circuit_*), so it survives
// restarts and is shared by every worker.
import { HOUR, MINUTE } from "@/core/time";

export const CIRCUIT_THRESHOLD = 5;
export const CIRCUIT_BASE_COOLDOWN_MS = 5 * MINUTE;
export const CIRCUIT_MAX_COOLDOWN_MS = HOUR;

/** How long the circuit stays open after `failures` failures in a row; null while it stays closed. */
export function circuitCooldownMs(failures: number): number | null {
  if (failures < CIRCUIT_THRESHOLD) return null;
  return Math.min(CIRCUIT_MAX_COOLDOWN_MS, CIRCUIT_BASE_COOLDOWN_MS * 2 ** (failures - CIRCUIT_THRESHOLD));
}

export type CircuitState = "closed" | "open" | "half_open";

export function circuitState(
  endpoint: { circuitFailures: number; circuitOpenUntil: number | null },
  now: number,
): CircuitState {
  if (endpoint.circuitOpenUntil === null) return "closed";
  return endpoint.circuitOpenUntil > now ? "open" : "half_open";
}

// When a monitor runs next, and how long a heartbeat may stay silent. Pure.
// Runs are aligned to multiples of the interval since the epoch (a 30 s monitor runs at :00 and :30), so
// times never drift with how long a check or a tick took, and a late run never causes a burst of catch-up runs.

/** The first aligned time strictly after `after`. */
export function nextAlignedRun(after: number, intervalSeconds: number): number {
  const step = intervalSeconds * 1000;
  return (Math.floor(after / step) + 1) * step;
}

/** The grace a heartbeat gets past its period: a fifth of it, at least 10 s and at most an hour. */
export function heartbeatGraceMs(periodSeconds: number, graceSeconds?: number | null): number {
  if (graceSeconds != null) return graceSeconds * 1000;
  return Math.min(Math.max(periodSeconds * 200, 10_000), 3_600_000);
}

/** The last moment a heartbeat may arrive: period + grace after the last call (or the monitor's start). */
export function heartbeatDeadline(input: { lastCallAt: number | null; since: number; periodSeconds: number; graceMs: number }): number {
  return (input.lastCallAt ?? input.since) + input.periodSeconds * 1000 + input.graceMs;
}

/** A heartbeat is missed when no call came within period + grace of the last call (or of the monitor's start). */
export function heartbeatMissed(input: { now: number; lastCallAt: number | null; since: number; periodSeconds: number; graceMs: number }): boolean {
  const from = input.lastCallAt ?? input.since;
  return input.now - from > input.periodSeconds * 1000 + input.graceMs;
}

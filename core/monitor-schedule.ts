// When a monitor runs next, and how long a heartbeat may stay silent. Pure.
// Runs are aligned to multiples of the interval since the epoch plus a fixed phase per monitor (a 30 s
// monitor with phase 7 s runs at :07 and :37, always), so times never drift with how long a check or a tick
// took, a late run never causes a burst of catch-up runs, and a thousand monitors with the same interval do
// not all fire in the same millisecond: the phase, derived from the monitor's id, spreads them evenly.

/** A monitor's fixed offset within its interval, in whole ms, from its id (FNV-1a: stable and well spread). */
export function phaseOf(id: string, intervalSeconds: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash % (intervalSeconds * 1000);
}

/** The first time strictly after `after` that is a multiple of the interval plus `phaseMs`. */
export function nextAlignedRun(after: number, intervalSeconds: number, phaseMs = 0): number {
  const step = intervalSeconds * 1000;
  return (Math.floor((after - phaseMs) / step) + 1) * step + phaseMs;
}

/** The grace a heartbeat gets past its period: a fifth of it, at least 10 s and at most an hour. */
export function heartbeatGraceMs(periodSeconds: number, graceSeconds?: number | null): number {
  if (graceSeconds != null) return graceSeconds * 1000;
  return Math.min(Math.max(periodSeconds * 200, 10_000), 3_600_000);
}

/** The last moment a heartbeat may arrive: period + grace after the last call (or the monitor's start). */
export function heartbeatDeadline(input: {
  lastCallAt: number | null;
  since: number;
  periodSeconds: number;
  graceMs: number;
}): number {
  return (input.lastCallAt ?? input.since) + input.periodSeconds * 1000 + input.graceMs;
}

/** A heartbeat is missed when no call came within period + grace of the last call (or of the monitor's start). */
export function heartbeatMissed(input: {
  now: number;
  lastCallAt: number | null;
  since: number;
  periodSeconds: number;
  graceMs: number;
}): boolean {
  const from = input.lastCallAt ?? input.since;
  return input.now - from > input.periodSeconds * 1000 + input.graceMs;
}

// Roll-ups of check results: what the 90-day and 2-year charts read once raw results are pruned. Pure.
import type { CheckOutcome } from "@/db/constants";
import { DAY, HOUR } from "@/core/time";

export interface RollupSummary {
  countUp: number;
  countSlow: number;
  countDown: number;
  timedCount: number;
  minMs: number | null;
  avgMs: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

/** How long each kind of row is kept. */
export const RETENTION = { results: 2 * DAY, hour: 90 * DAY, day: 730 * DAY } as const;
export const BUCKET_MS = { hour: HOUR, day: DAY } as const;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarise(results: readonly { outcome: CheckOutcome; responseMs: number | null }[]): RollupSummary {
  const times = results
    .map((r) => r.responseMs)
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
  const count = (o: CheckOutcome) => results.filter((r) => r.outcome === o).length;
  return {
    countUp: count("up"),
    countSlow: count("slow"),
    countDown: count("down"),
    timedCount: times.length,
    minMs: times[0] ?? null,
    avgMs: times.length ? Math.round(times.reduce((a, b) => a + b, 0) / times.length) : null,
    p95Ms: percentile(times, 95),
    maxMs: times.at(-1) ?? null,
  };
}

export function bucketStart(at: number, resolution: keyof typeof BUCKET_MS): number {
  return Math.floor(at / BUCKET_MS[resolution]) * BUCKET_MS[resolution];
}

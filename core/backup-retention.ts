// Which backup snapshots to keep: every snapshot of the last day, the newest of each hour for a week, the
// newest of each day for 90 days (UTC hours and days). Everything else may be deleted. Pure, so the rule is
// tested on its own; services/backup applies it to what a folder holds.
import { DAY, HOUR } from "./time";

export interface RetentionPolicy {
  allForMs: number;
  hourlyForMs: number;
  dailyForMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { allForMs: DAY, hourlyForMs: 7 * DAY, dailyForMs: 90 * DAY };

/** The snapshot times (epoch ms) to keep of `taken`, at `now`. */
export function snapshotsToKeep(taken: readonly number[], now: number, policy = DEFAULT_RETENTION): Set<number> {
  const keep = new Set<number>();
  const newestPer = new Map<string, number>();
  for (const at of [...taken].sort((a, b) => b - a)) {
    const age = now - at;
    if (age < 0 || age <= policy.allForMs) {
      keep.add(at);
      continue;
    }
    const bucket =
      age <= policy.hourlyForMs
        ? `h${Math.floor(at / HOUR)}`
        : age <= policy.dailyForMs
          ? `d${Math.floor(at / DAY)}`
          : null;
    if (bucket && !newestPer.has(bucket)) {
      newestPer.set(bucket, at);
      keep.add(at);
    }
  }
  return keep;
}

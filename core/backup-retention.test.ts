import { describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE } from "./time";
import { snapshotsToKeep } from "./backup-retention";

const NOW = Date.UTC(2026, 11, 1, 12, 0);
const every5MinutesFor = (ms: number) => Array.from({ length: ms / (5 * MINUTE) }, (_, i) => NOW - i * 5 * MINUTE);

describe("backup retention", () => {
  it("keeps every snapshot of the last day", () => {
    const day = every5MinutesFor(DAY);
    expect(snapshotsToKeep(day, NOW).size).toBe(day.length);
  });

  it("keeps the newest of each hour for a week and of each day for 90 days, and nothing older", () => {
    const taken = every5MinutesFor(120 * DAY);
    const keep = snapshotsToKeep(taken, NOW);
    const within = (from: number, to: number) => [...keep].filter((t) => NOW - t > from && NOW - t <= to);
    expect(within(0, DAY)).toHaveLength(DAY / (5 * MINUTE));
    // Hours of days 2-7: one each (the hour that straddles the one-day line may have its newest kept above).
    expect(within(DAY, 7 * DAY).length).toBeGreaterThanOrEqual(6 * 24 - 1);
    expect(within(DAY, 7 * DAY).length).toBeLessThanOrEqual(6 * 24);
    expect(within(7 * DAY, 90 * DAY).length).toBeGreaterThanOrEqual(82);
    // 83 whole days, plus at most one for a day cut by each boundary.
    expect(within(7 * DAY, 90 * DAY).length).toBeLessThanOrEqual(85);
    expect(within(90 * DAY, 1000 * DAY)).toEqual([]);
    // The newest of each hour, not any of them.
    const hourOld = NOW - 3 * DAY - 5 * MINUTE;
    expect(keep.has(Math.floor(hourOld / HOUR) * HOUR + 55 * MINUTE)).toBe(true);
    expect(keep.has(Math.floor(hourOld / HOUR) * HOUR + 50 * MINUTE)).toBe(false);
  });

  it("keeps a snapshot from the future (a clock set back) rather than delete it", () => {
    expect(snapshotsToKeep([NOW + HOUR], NOW).has(NOW + HOUR)).toBe(true);
  });
});

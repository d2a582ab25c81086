import { describe, expect, it } from "vitest";
import { heartbeatGraceMs, heartbeatMissed, nextAlignedRun, phaseOf } from "./monitor-schedule";

describe("monitor schedule", () => {
  it("aligns runs to multiples of the interval, strictly after the given time", () => {
    expect(nextAlignedRun(0, 30)).toBe(30_000);
    expect(nextAlignedRun(29_999, 30)).toBe(30_000);
    expect(nextAlignedRun(30_000, 30)).toBe(60_000);
    // A run that finished late does not shift later runs, and skips the missed slots instead of bursting.
    expect(nextAlignedRun(95_123, 30)).toBe(120_000);
    expect(nextAlignedRun(Date.UTC(2026, 0, 1, 0, 0, 7), 86_400)).toBe(Date.UTC(2026, 0, 2));
    // With a phase: always the same offset within the interval.
    expect(nextAlignedRun(0, 30, 7_000)).toBe(7_000);
    expect(nextAlignedRun(7_000, 30, 7_000)).toBe(37_000);
    expect(nextAlignedRun(95_123, 30, 7_000)).toBe(97_000);
  });

  it("spreads monitors of one interval evenly over it, the same way every time", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `m${i.toString(36).padStart(11, "0")}`);
    const phases = ids.map((id) => phaseOf(id, 30));
    expect(phases).toEqual(ids.map((id) => phaseOf(id, 30)));
    expect(Math.max(...phases)).toBeLessThan(30_000);
    // Each of the thirty seconds gets some, none gets more than three times its share.
    const perSecond = Array.from({ length: 30 }, (_, s) => phases.filter((p) => Math.floor(p / 1000) === s).length);
    expect(Math.min(...perSecond)).toBeGreaterThan(0);
    expect(Math.max(...perSecond)).toBeLessThan(100);
  });

  it("gives heartbeats a grace of a fifth of the period within 10 s..1 h, or the one configured", () => {
    expect(heartbeatGraceMs(60)).toBe(12_000);
    expect(heartbeatGraceMs(10)).toBe(10_000);
    expect(heartbeatGraceMs(86_400)).toBe(3_600_000);
    expect(heartbeatGraceMs(86_400, 120)).toBe(120_000);
  });

  it("misses a heartbeat only after period + grace without a call", () => {
    const base = { since: 0, periodSeconds: 60, graceMs: 10_000 };
    expect(heartbeatMissed({ ...base, now: 70_000, lastCallAt: null })).toBe(false);
    expect(heartbeatMissed({ ...base, now: 70_001, lastCallAt: null })).toBe(true);
    expect(heartbeatMissed({ ...base, now: 100_000, lastCallAt: 50_000 })).toBe(false);
    expect(heartbeatMissed({ ...base, now: 120_001, lastCallAt: 50_000 })).toBe(true);
  });
});

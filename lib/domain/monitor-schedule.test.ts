import { describe, expect, it } from "vitest";
import { heartbeatGraceMs, heartbeatMissed, nextAlignedRun } from "./monitor-schedule";

describe("monitor schedule", () => {
  it("aligns runs to multiples of the interval, strictly after the given time", () => {
    expect(nextAlignedRun(0, 30)).toBe(30_000);
    expect(nextAlignedRun(29_999, 30)).toBe(30_000);
    expect(nextAlignedRun(30_000, 30)).toBe(60_000);
    // A run that finished late does not shift later runs, and skips the missed slots instead of bursting.
    expect(nextAlignedRun(95_123, 30)).toBe(120_000);
    expect(nextAlignedRun(Date.UTC(2026, 0, 1, 0, 0, 7), 86_400)).toBe(Date.UTC(2026, 0, 2));
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

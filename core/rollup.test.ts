import { describe, expect, it } from "vitest";
import { bucketStart, percentile, summarise } from "./rollup";

describe("roll-ups", () => {
  it("counts outcomes and takes min/avg/p95/max over the timed results", () => {
    const results = [
      ...Array.from({ length: 19 }, (_, i) => ({ outcome: "up" as const, responseMs: 10 + i })),
      { outcome: "slow" as const, responseMs: 900 },
      { outcome: "down" as const, responseMs: null },
    ];
    expect(summarise(results)).toEqual({
      countUp: 19,
      countSlow: 1,
      countDown: 1,
      timedCount: 20,
      minMs: 10,
      avgMs: Math.round((171 + 19 * 10 + 900) / 20),
      p95Ms: 28,
      maxMs: 900,
    });
  });

  it("has no times for a bucket of failures only", () => {
    expect(summarise([{ outcome: "down", responseMs: null }])).toMatchObject({
      countDown: 1,
      timedCount: 0,
      minMs: null,
      avgMs: null,
      p95Ms: null,
      maxMs: null,
    });
  });

  it("uses the nearest rank", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([], 95)).toBeNull();
  });

  it("buckets by hour and day", () => {
    expect(bucketStart(Date.UTC(2026, 0, 1, 5, 59, 59), "hour")).toBe(Date.UTC(2026, 0, 1, 5));
    expect(bucketStart(Date.UTC(2026, 0, 1, 5, 59, 59), "day")).toBe(Date.UTC(2026, 0, 1));
  });
});

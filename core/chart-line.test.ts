import { describe, expect, it } from "vitest";
import { chartLine, seriesSummary } from "./chart-line";

const p = (at: number, ms: number | null, down = 0) => ({ at, ms, down, total: 10 });

describe("chartLine", () => {
  it("places each point by its time in the window and its time against the slowest, skipping checks with no answer", () => {
    const line = chartLine([p(0, 100), p(50, null, 10), p(100, 200, 1)], { from: 0, to: 100, width: 200, height: 50 });
    expect(line.max).toBe(200);
    // y: the slowest point touches the top padding (2), zero sits on the bottom edge (50)
    expect(line.segments).toEqual(["0.0,26.0", "200.0,2.0"]);
    expect(line.failures).toEqual([
      { x: 100, share: 1 },
      { x: 200, share: 0.1 },
    ]);
  });

  it("breaks the line where a bucket has no answer, so a gap is not drawn as a slope", () => {
    const line = chartLine([p(0, 10), p(10, 10), p(20, null), p(30, 10)], { from: 0, to: 30, width: 30, height: 12 });
    expect(line.segments).toEqual(["0.0,2.0 10.0,2.0", "30.0,2.0"]);
  });

  it("keeps an empty series drawable", () => {
    expect(chartLine([], { from: 0, to: 1, width: 10, height: 10 })).toEqual({ max: 0, segments: [], failures: [] });
  });
});

describe("seriesSummary", () => {
  it("gives the average, fastest and slowest of the buckets that answered, and the failed checks", () => {
    expect(seriesSummary([p(0, 100), p(1, null, 10), p(2, 201, 1)])).toEqual({
      avgMs: 151,
      minMs: 100,
      maxMs: 201,
      down: 11,
      total: 30,
    });
    expect(seriesSummary([])).toEqual({ avgMs: null, minMs: null, maxMs: null, down: 0, total: 0 });
  });
});

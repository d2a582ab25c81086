import { describe, expect, it } from "vitest";
import { decodeGroupRef, encodeGroupRef, groupReports, isSpike, spikeStillOn } from "./visitor-reports";
import { MINUTE } from "./time";

const r = (id: string, componentId: string | null, minute: number) => ({ id, componentId, createdAt: minute * MINUTE });

describe("groupReports", () => {
  it("splits one service's reports where the gap is longer than the limit, newest group first", () => {
    const groups = groupReports(
      [r("a", "mail", 0), r("b", "mail", 30), r("c", "mail", 50), r("d", "mail", 200), r("e", null, 100)],
      60 * MINUTE,
    );
    expect(groups.map((g) => [g.componentId, g.reports.map((x) => x.id)])).toEqual([
      ["mail", ["d"]],
      [null, ["e"]],
      ["mail", ["c", "b", "a"]],
    ]);
    expect(groups[2]).toMatchObject({ from: 0, to: 50 * MINUTE });
  });

  it("chains reports: each within the gap of the one before joins, however long the burst lasts", () => {
    const groups = groupReports([r("a", "x", 0), r("b", "x", 59), r("c", "x", 118)], 60 * MINUTE);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ from: 0, to: 118 * MINUTE });
  });

  it("keeps services apart even at the same moment", () => {
    const groups = groupReports([r("a", "x", 5), r("b", "y", 5)], 60 * MINUTE);
    expect(groups.map((g) => g.componentId).sort()).toEqual(["x", "y"]);
  });

  it("has no groups without reports", () => {
    expect(groupReports([], MINUTE)).toEqual([]);
  });
});

describe("spikes", () => {
  const rule = { threshold: 5, minutes: 10 };
  it("is a spike from the threshold on", () => {
    expect(isSpike(4, rule)).toBe(false);
    expect(isSpike(5, rule)).toBe(true);
  });
  it("goes on while the last report is within the window", () => {
    expect(spikeStillOn(0, 10 * MINUTE, rule)).toBe(true);
    expect(spikeStillOn(0, 10 * MINUTE + 1, rule)).toBe(false);
  });
});

describe("group references", () => {
  it("round-trips a service's group and the something-else group", () => {
    const a = { componentId: "abcdefghijkl", from: 10, to: 20 };
    expect(decodeGroupRef(encodeGroupRef(a))).toEqual(a);
    expect(decodeGroupRef("other~1~2")).toEqual({ componentId: null, from: 1, to: 2 });
  });
  it("refuses anything else", () => {
    for (const bad of ["", "x~1~2", "abcdefghijkl~2~1", "abcdefghijkl~1", "other~1~2~3", "other~-1~2"])
      expect(decodeGroupRef(bad)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import type { CheckOutcome, MonitorState } from "@/db/constants";
import { dampedStep, type Streaks } from "./flap-damping";

const rules = { failuresBeforeDown: 3, successesBeforeUp: 2 };

/** The states after each outcome in turn, from a fresh monitor (or from `start`). */
function run(outcomes: CheckOutcome[], start: MonitorState = "unknown", r = rules): MonitorState[] {
  let state = start;
  let streaks: Streaks = { downStreak: 0, badStreak: 0, upStreak: 0 };
  return outcomes.map((o) => {
    const step = dampedStep(state, streaks, o, r);
    state = step.state;
    streaks = step;
    return state;
  });
}

describe("flap damping", () => {
  it("a new monitor is up on its first success and down only after N failures in a row", () => {
    expect(run(["up", "down", "down", "down"])).toEqual(["up", "up", "up", "down"]);
    expect(run(["down", "down", "down"])).toEqual(["unknown", "unknown", "down"]);
  });

  it("comes back up only after M successes in a row", () => {
    expect(run(["up", "down", "up", "up"], "down")).toEqual(["down", "down", "down", "up"]);
  });

  it("a target flapping every other check never changes state, so it never opens an incident", () => {
    const flapping: CheckOutcome[] = Array.from({ length: 40 }, (_, i) => (i % 2 ? "down" : "up"));
    expect(new Set(run(flapping, "up"))).toEqual(new Set(["up"]));
    expect(new Set(run(flapping, "down"))).toEqual(new Set(["down"]));
    // Two downs, one up, over and over: still never N in a row.
    const bursts: CheckOutcome[] = Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? "up" : "down"));
    expect(new Set(run(bursts, "up"))).toEqual(new Set(["up"]));
  });

  it("slow for N checks is degraded; a mix of slow and down is degraded, not down", () => {
    expect(run(["slow", "slow", "slow"], "up")).toEqual(["up", "up", "degraded"]);
    expect(run(["down", "slow", "down"], "up")).toEqual(["up", "up", "degraded"]);
    expect(run(["down", "down", "down"], "degraded")).toEqual(["degraded", "degraded", "down"]);
    expect(run(["up", "up"], "degraded")).toEqual(["degraded", "up"]);
  });

  it("a down monitor answering slowly again becomes degraded after M slow answers", () => {
    expect(run(["slow", "slow", "up", "up"], "down")).toEqual(["down", "degraded", "degraded", "up"]);
  });

  it("honours other thresholds: N = 1 and M = 1 follow every result", () => {
    expect(run(["down", "up", "down"], "up", { failuresBeforeDown: 1, successesBeforeUp: 1 })).toEqual([
      "down",
      "up",
      "down",
    ]);
  });

  it("reports whether the state changed", () => {
    const step = dampedStep("up", { downStreak: 2, badStreak: 2, upStreak: 0 }, "down", rules);
    expect(step).toEqual({ state: "down", changed: true, downStreak: 3, badStreak: 3, upStreak: 0 });
  });
});

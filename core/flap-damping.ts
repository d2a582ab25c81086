// Flap damping: a monitor's state moves only after enough consecutive results agree, so one lost packet never
// reaches the page and a flapping target never opens and closes incidents. Pure: no I/O.
//
// Results are "up", "slow" (a correct answer over the slow threshold) or "down". Three streaks are kept:
// down results in a row, bad (slow or down) results in a row, up results in a row.
//   - down      after `failuresBeforeDown` downs in a row;
//   - degraded  after `failuresBeforeDown` bad results in a row (slow, or a mix of slow and down);
//   - up        after `successesBeforeUp` ups in a row, from down or degraded;
//   - from down to degraded after `successesBeforeUp` non-down (slow) results in a row;
//   - unknown (a new or resumed monitor) becomes up on its first up: nothing was claimed, nothing to confirm.
import type { CheckOutcome, MonitorState } from "@/db/constants";

export interface Streaks {
  downStreak: number;
  badStreak: number;
  upStreak: number;
}

export interface DampingRules {
  failuresBeforeDown: number;
  successesBeforeUp: number;
}

export interface DampedStep extends Streaks {
  state: MonitorState;
  changed: boolean;
}

export function nextStreaks(streaks: Streaks, outcome: CheckOutcome): Streaks {
  return {
    downStreak: outcome === "down" ? streaks.downStreak + 1 : 0,
    badStreak: outcome === "up" ? 0 : streaks.badStreak + 1,
    upStreak: outcome === "up" ? streaks.upStreak + 1 : 0,
  };
}

/** The state after one more result. */
export function dampedStep(
  state: MonitorState,
  streaks: Streaks,
  outcome: CheckOutcome,
  rules: DampingRules,
): DampedStep {
  const s = nextStreaks(streaks, outcome);
  const next = nextState(state, s, rules);
  return { ...s, state: next, changed: next !== state };
}

function nextState(state: MonitorState, s: Streaks, rules: DampingRules): MonitorState {
  const { failuresBeforeDown: n, successesBeforeUp: m } = rules;
  if (s.downStreak >= n) return "down";
  switch (state) {
    case "unknown":
    case "up":
      if (s.badStreak >= n) return "degraded";
      return s.upStreak >= 1 ? "up" : state;
    case "degraded":
      return s.upStreak >= m ? "up" : "degraded";
    case "down":
      if (s.upStreak >= m) return "up";
      // Answering again, but slowly: as many non-down results as it takes to come up.
      if (s.downStreak === 0 && s.badStreak >= m) return "degraded";
      return "down";
  }
}

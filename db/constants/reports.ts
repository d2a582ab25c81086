// Visitor reports: what a visitor can say is wrong, a report's states and the limits on them.
// Imports nothing at all (lint-enforced): client components and the pure core read it too.

/** What a visitor can say is wrong, before the free text. */
export const REPORT_PROBLEMS = ["unavailable", "slow", "error", "sign_in", "other"] as const;
export type ReportProblem = (typeof REPORT_PROBLEMS)[number];
export const REPORT_PROBLEM_LABELS: Record<ReportProblem, string> = {
  unavailable: "It does not load at all",
  slow: "It is very slow",
  error: "It shows an error",
  sign_in: "I cannot sign in",
  other: "Something else",
};

/** open: waiting for the team; handled: looked at (or attached to an incident); dismissed: not a problem. */
export const REPORT_STATES = ["open", "handled", "dismissed"] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_LIMITS = {
  details: 1_000,
  /** A report's address is removed this long after it was given, if no reply removed it sooner. */
  addressDays: 30,
  /** Reports about one service closer together than this fall into one triage group. */
  groupGapMinutes: 60,
  minSpikeThreshold: 2,
  maxSpikeThreshold: 1_000,
  minSpikeMinutes: 1,
  maxSpikeMinutes: 24 * 60,
} as const;

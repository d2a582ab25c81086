// Session lifetimes and sign-in throttling: the numbers and the pure rules that use them.
import { HOUR, MINUTE, DAY } from "@/core/time";

export const SESSION_COOKIE = "session";
/** A session unused for this long ends. */
export const SESSION_IDLE_TIMEOUT = 12 * HOUR;
/** A session ends this long after sign-in, however busy. */
export const SESSION_ABSOLUTE_TIMEOUT = 7 * DAY;
/** lastSeenAt is written at most this often, so browsing the console is not a write per request. */
export const SESSION_TOUCH_INTERVAL = MINUTE;
/** Time allowed between the password and the two-factor code. */
export const TWO_FACTOR_PENDING_TIMEOUT = 10 * MINUTE;

export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export function isSessionLive(session: SessionTimes, now: number): boolean {
  return now < session.expiresAt && now - session.lastSeenAt < SESSION_IDLE_TIMEOUT;
}

/**
 * Failed sign-ins allowed before the delays start. Strict for one account from one client address, so a
 * guesser slows down at once; much looser for the account as a whole (a guesser spread over many addresses),
 * so a stranger at one address slows only themselves and cannot lock the owner out; and per client address
 * across accounts (one address trying many emails).
 */
export const SIGN_IN_FREE_FAILURES = { accountFromAddress: 5, account: 100, address: 20 } as const;
/** Failures are forgotten after this long without a new one. */
export const SIGN_IN_FAILURE_WINDOW = HOUR;
const FIRST_DELAY = 30_000;
const MAX_DELAY = HOUR;

/** The lock-out after the nth failure: none while free failures remain, then 30 s doubling up to an hour. */
export function lockoutAfterFailures(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY * 2 ** (failures - free), MAX_DELAY);
}

/** "30 seconds", "2 minutes": for the message a throttled visitor reads. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

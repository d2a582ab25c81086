// Signing in with email and password: throttled per (account, client address) strictly, per account and per
// client address more loosely, with growing lock-outs counted before the password is checked, the same answer whether or not the email exists, and every attempt in the audit log.
import type { Db, Tx } from "@/db";
import { getConsoleSsoSettings } from "@/db/queries/console-sso";
import { findUserByEmail } from "@/db/queries/users";
import { passwordSignInAllowed } from "@/core/console-sso";
import { insertAuditEntry } from "@/db/writes/audit";
import { clearRateLimit, readRateLimit, writeRateLimit } from "@/db/writes/rate-limits";
import { recordSignIn } from "@/db/writes/users";
import { hashPassword, verifyPassword } from "@/services/password";
import { lockoutAfterFailures, SIGN_IN_FAILURE_WINDOW, SIGN_IN_FREE_FAILURES } from "./policy";
import { createSession } from "./sessions";

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
  now: number;
}

export type SignInResult =
  | { kind: "signed_in"; token: string; expiresAt: number; pendingTwoFactor: boolean; userId: string }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterMs: number }
  /** The password was right, but local passwords are off for this member: they sign in with SSO. */
  | { kind: "sso_only" };

// Verified against when the email is unknown, so both answers take the same time.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword("no such user: compare anyway"));

type LimitKey = { key: string; free: number };

/** The loose per-account counter's key (a password reset clears it). */
export const accountLimitKey = (email: string) => `sign-in:account:${email.trim().toLowerCase()}`;

/**
 * The counters an attempt is charged to. The strict one is this account from this address; the account on
 * its own has a much higher threshold, so failures from a stranger's address do not lock the owner out.
 */
function limitKeys(email: string, ip: string | null): LimitKey[] {
  const address = ip ?? "unknown";
  return [
    { key: `sign-in:account-address:${email}|${address}`, free: SIGN_IN_FREE_FAILURES.accountFromAddress },
    { key: accountLimitKey(email), free: SIGN_IN_FREE_FAILURES.account },
    { key: `sign-in:address:${address}`, free: SIGN_IN_FREE_FAILURES.address },
  ];
}

/** The longest lock-out still running on any of the keys, in ms (0: none). */
function currentLockout(tx: Tx, keys: LimitKey[], now: number): number {
  let wait = 0;
  for (const { key } of keys) {
    const row = readRateLimit(tx, key);
    if (row?.blockedUntil && row.blockedUntil > now) wait = Math.max(wait, row.blockedUntil - now);
  }
  return wait;
}

function recordFailure(tx: Tx, keys: LimitKey[], now: number): void {
  for (const { key, free } of keys) {
    const row = readRateLimit(tx, key);
    const fresh = !row || now - row.windowStart > SIGN_IN_FAILURE_WINDOW;
    const failures = (fresh ? 0 : row.failures) + 1;
    const lockout = lockoutAfterFailures(failures, free);
    writeRateLimit(tx, {
      key,
      windowStart: fresh ? now : row.windowStart,
      count: (fresh ? 0 : row.count) + 1,
      failures,
      blockedUntil: lockout ? now + lockout : null,
    });
  }
}

/** Gives back the failure reserved for an attempt whose password was right. */
function refundReservation(tx: Tx, keys: LimitKey[]): void {
  for (const { key, free } of keys) {
    const row = readRateLimit(tx, key);
    if (!row || row.failures === 0) continue;
    const failures = row.failures - 1;
    writeRateLimit(tx, {
      ...row,
      failures,
      blockedUntil: lockoutAfterFailures(failures, free) ? row.blockedUntil : null,
    });
  }
}

/**
 * Checks the lock-outs and charges the attempt as a failure in one write transaction, before the password
 * is hashed: scrypt is asynchronous, so a burst of parallel attempts that only counted afterwards would all
 * pass the check. IMMEDIATE takes the write lock at once, so this also holds across processes.
 */
function reserveAttempt(db: Db, keys: LimitKey[], now: number): number {
  return db.transaction(
    (tx) => {
      const wait = currentLockout(tx, keys, now);
      if (wait === 0) recordFailure(tx, keys, now);
      return wait;
    },
    { behavior: "immediate" },
  );
}

export async function signIn(db: Db, input: SignInInput): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const keys = limitKeys(email, input.ip);
  const audit = (tx: Tx, action: string, detail: Record<string, unknown>, userId?: string) =>
    insertAuditEntry(tx, {
      at: input.now,
      actorType: userId ? "user" : "anonymous",
      actorId: userId ?? null,
      actorLabel: email || "(no email)",
      action,
      targetType: userId ? "user" : null,
      targetId: userId ?? null,
      detail,
      ip: input.ip,
    });

  const wait = reserveAttempt(db, keys, input.now);
  if (wait > 0) {
    audit(db, "auth.sign_in_throttled", { retryAfterSeconds: Math.ceil(wait / 1000) });
    return { kind: "throttled", retryAfterMs: wait };
  }

  const user = findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await getDummyHash()));

  return db.transaction((tx) => {
    if (!user || !ok) {
      // Already counted by the reservation.
      audit(tx, "auth.sign_in_failed", { reason: user ? "wrong_password" : "unknown_email" }, user?.id);
      return { kind: "invalid" } as const;
    }
    // Checked only after the password, so the answer tells nothing to someone who does not know it.
    if (!passwordSignInAllowed(getConsoleSsoSettings(tx), user.id)) {
      audit(tx, "auth.sign_in_refused", { reason: "local_passwords_off" }, user.id);
      return { kind: "sso_only" } as const;
    }
    // This address proved it knows the password: its own counter starts again; the others get the attempt back.
    clearRateLimit(tx, keys[0].key);
    refundReservation(tx, keys.slice(1));
    const pendingTwoFactor = user.totpEnabledAt !== null;
    const session = createSession(tx, {
      userId: user.id,
      pendingTwoFactor,
      now: input.now,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    if (!pendingTwoFactor) recordSignIn(tx, user.id, input.now);
    audit(tx, pendingTwoFactor ? "auth.password_accepted_two_factor_pending" : "auth.sign_in", {}, user.id);
    return { kind: "signed_in", ...session, pendingTwoFactor, userId: user.id } as const;
  });
}

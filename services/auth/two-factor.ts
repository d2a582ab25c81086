// Two-factor sign-in with TOTP: setting it up (secret, confirmation with a first code, recovery codes shown
// once and stored hashed), turning it off, and the second step of signing in (throttled and audited).
import type { Db } from "@/db";
import { findUserById } from "@/db/queries/users";
import { getThePage } from "@/db/queries/settings";
import { insertAuditEntry } from "@/db/writes/audit";
import { clearRateLimit, readRateLimit, writeRateLimit } from "@/db/writes/rate-limits";
import { deleteSession } from "@/db/writes/sessions";
import {
  claimTotpStep,
  consumeRecoveryCode,
  disableTotp,
  enableTotp,
  replaceRecoveryCodes,
  setPendingTotpSecret,
} from "@/db/writes/two-factor";
import { recordSignIn } from "@/db/writes/users";
import { lockoutAfterFailures, SIGN_IN_FAILURE_WINDOW, SIGN_IN_FREE_FAILURES } from "./policy";
import { createSession } from "./sessions";
import { hashToken } from "./tokens";
import { matchTotpStep, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, verifyTotp } from "./totp";

type Refusal = { ok: false; message: string };
const audit = (
  db: Parameters<typeof insertAuditEntry>[0],
  user: { id: string; email: string },
  at: number,
  action: string,
  ip?: string | null,
  detail?: Record<string, unknown>,
) =>
  insertAuditEntry(db, {
    at,
    actorType: "user",
    actorId: user.id,
    actorLabel: user.email,
    action,
    targetType: "user",
    targetId: user.id,
    detail: detail ?? null,
    ip: ip ?? null,
  });

/** Starts (or restarts) setup: a new secret, not yet in force until confirmed with a code. */
export function startTwoFactorSetup(db: Db, userId: string, now: number): { ok: true; secret: string } | Refusal {
  const user = findUserById(db, userId);
  if (!user) return { ok: false, message: "Your account no longer exists." };
  if (user.totpEnabledAt) return { ok: false, message: "Two-factor sign-in is already on." };
  const secret = newTotpSecret();
  setPendingTotpSecret(db, userId, secret, now);
  return { ok: true, secret };
}

export function confirmTwoFactorSetup(
  db: Db,
  userId: string,
  code: string,
  now: number,
  ip?: string | null,
): { ok: true; recoveryCodes: string[] } | Refusal {
  const user = findUserById(db, userId);
  if (!user?.totpSecret || user.totpEnabledAt) return { ok: false, message: "Start the setup again." };
  if (!verifyTotp(user.totpSecret, code, now))
    return { ok: false, message: "This code is not right. Check the clock of your phone and try the newest code." };
  const codes = newRecoveryCodes();
  db.transaction((tx) => {
    enableTotp(tx, userId, now);
    replaceRecoveryCodes(
      tx,
      userId,
      codes.map((c) => hashToken(normaliseRecoveryCode(c))),
      now,
    );
    audit(tx, user, now, "auth.two_factor_enabled", ip);
  });
  return { ok: true, recoveryCodes: codes };
}

export function disableTwoFactor(
  db: Db,
  userId: string,
  code: string,
  now: number,
  ip?: string | null,
): { ok: true } | Refusal {
  const user = findUserById(db, userId);
  if (!user?.totpEnabledAt || !user.totpSecret) return { ok: false, message: "Two-factor sign-in is not on." };
  if (getThePage(db).requireTwoFactor)
    return { ok: false, message: "An owner requires two-factor sign-in for everyone, so it cannot be turned off." };
  if (!verifyTotp(user.totpSecret, code, now)) return { ok: false, message: "This code is not right." };
  db.transaction((tx) => {
    disableTotp(tx, userId, now);
    audit(tx, user, now, "auth.two_factor_disabled", ip);
  });
  return { ok: true };
}

/**
 * The second step of signing in: a code from the app or a recovery code. Failures count against the
 * account like password failures and lock it out the same way. Success replaces the pending session with a
 * new one under a new token: the token issued after the password alone never becomes a signed-in session.
 */
export function completeSignInWithCode(
  db: Db,
  input: { tokenHash: string; userId: string; code: string; ip: string | null; userAgent?: string | null; now: number },
): { ok: true; token: string; expiresAt: number } | Refusal | { ok: false; throttledMs: number; message: string } {
  const user = findUserById(db, input.userId);
  if (!user?.totpSecret || !user.totpEnabledAt) return { ok: false, message: "Sign in again." };
  const key = `two-factor:${user.id}`;
  const limit = readRateLimit(db, key);
  if (limit?.blockedUntil && limit.blockedUntil > input.now) {
    audit(db, user, input.now, "auth.two_factor_throttled", input.ip);
    return { ok: false, throttledMs: limit.blockedUntil - input.now, message: "Too many wrong codes." };
  }
  return db.transaction((tx) => {
    const step = matchTotpStep(user.totpSecret!, input.code, input.now);
    const usedRecovery =
      step === null && consumeRecoveryCode(tx, user.id, hashToken(normaliseRecoveryCode(input.code)), input.now);
    // A code works once: one seen by someone looking over a shoulder cannot be replayed within its window.
    const ok = usedRecovery || (step !== null && claimTotpStep(tx, user.id, step));
    if (!ok) {
      const fresh = !limit || input.now - limit.windowStart > SIGN_IN_FAILURE_WINDOW;
      const failures = (fresh ? 0 : limit.failures) + 1;
      const lockout = lockoutAfterFailures(failures, SIGN_IN_FREE_FAILURES.accountFromAddress);
      writeRateLimit(tx, {
        key,
        windowStart: fresh ? input.now : limit.windowStart,
        count: failures,
        failures,
        blockedUntil: lockout ? input.now + lockout : null,
      });
      audit(tx, user, input.now, "auth.two_factor_failed", input.ip);
      return { ok: false, message: "This code is not right." } as const;
    }
    clearRateLimit(tx, key);
    deleteSession(tx, input.tokenHash);
    const session = createSession(tx, {
      userId: user.id,
      pendingTwoFactor: false,
      now: input.now,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    recordSignIn(tx, user.id, input.now);
    audit(tx, user, input.now, "auth.sign_in", input.ip, { secondFactor: usedRecovery ? "recovery_code" : "totp" });
    return { ok: true, ...session } as const;
  });
}

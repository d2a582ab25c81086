// Recovering a lost password: "Forgot your password?" on /login emails a link that works once, for 30
// minutes; the answer is the same for every address (no account enumeration) and requests are throttled
// per address and per client address. The email goes through the notification outbox like an invitation;
// the link's token is derived from the reset's id and only its hash is stored. Setting the new password
// ends every session of the member. `npm run admin -- reset-password` is the way back without email.
import type { Db, Tx } from "@/db";
import { findOpenPasswordResetByTokenHash } from "@/db/queries/password-resets";
import { getPageRow } from "@/db/queries/subscribers";
import { findUserByEmail } from "@/db/queries/users";
import { insertAuditEntry } from "@/db/writes/audit";
import { enqueueNotification } from "@/db/writes/outbox";
import { ensureAppSecret } from "@/db/writes/page";
import { claimPasswordReset, deleteOpenPasswordResets, insertPasswordReset } from "@/db/writes/password-resets";
import { clearRateLimit, readRateLimit, writeRateLimit } from "@/db/writes/rate-limits";
import { deleteUserSessions } from "@/db/writes/sessions";
import { updatePasswordHash } from "@/db/writes/users";
import { newId } from "@/core/ids";
import { passwordResetToken } from "@/services/notifications/tokens";
import { generatePassword, hashPassword } from "@/services/password";
import { HOUR, MINUTE } from "@/core/time";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-change";
import { accountLimitKey } from "./sign-in";
import { hashToken } from "./tokens";

export const PASSWORD_RESET_LIFETIME = 30 * MINUTE;
/** Reset emails asked for per hour: for one address, and from one client address (any addresses). */
export const RESET_REQUEST_LIMITS = { perEmail: 3, perAddress: 10 } as const;
const WINDOW = HOUR;
/**
 * The request's answer never comes sooner than this after it arrived. A known address costs a few more row
 * writes than an unknown one (about 0.6 ms here), which repeated timing could tell apart; a floor far above
 * that work (p90 under 30 ms on a loaded machine) makes both answers take the same time.
 */
export const RESET_ANSWER_FLOOR_MS = 300;

export type ResetRequestResult = { kind: "accepted" } | { kind: "throttled"; retryAfterMs: number };

/**
 * Counts one request against fixed one-hour windows, or returns how long until the fullest one has room.
 * Nothing is counted when refused, so a refused request never uses up someone else's allowance.
 */
export function takeFromWindows(tx: Tx, limits: { key: string; limit: number }[], now: number): number {
  const rows = limits.map(({ key, limit }) => {
    const row = readRateLimit(tx, key);
    const fresh = !row || now - row.windowStart >= WINDOW;
    return { key, limit, row: fresh ? null : row };
  });
  const wait = Math.max(
    0,
    ...rows.map(({ row, limit }) => (row && row.count >= limit ? row.windowStart + WINDOW - now : 0)),
  );
  if (wait > 0) return wait;
  for (const { key, row } of rows)
    writeRateLimit(tx, {
      key,
      windowStart: row?.windowStart ?? now,
      count: (row?.count ?? 0) + 1,
      failures: 0,
      blockedUntil: null,
    });
  return 0;
}

/**
 * Asks for a reset link. Known and unknown addresses get the same answer and cost the same work (one write
 * transaction of a few rows, no hashing); the throttle counts what was submitted, so it reveals nothing either.
 */
export function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string | null; now: number },
): ResetRequestResult {
  const email = input.email.trim().toLowerCase();
  const { now } = input;
  return db.transaction(
    (tx) => {
      const wait = takeFromWindows(
        tx,
        [
          { key: `password-reset:email:${email}`, limit: RESET_REQUEST_LIMITS.perEmail },
          { key: `password-reset:address:${input.ip ?? "unknown"}`, limit: RESET_REQUEST_LIMITS.perAddress },
        ],
        now,
      );
      if (wait > 0) return { kind: "throttled", retryAfterMs: wait } as const;
      const user = findUserByEmail(tx, email);
      insertAuditEntry(tx, {
        at: now,
        actorType: "anonymous",
        actorLabel: email || "(no email)",
        action: "auth.password_reset_requested",
        targetType: user ? "user" : null,
        targetId: user?.id ?? null,
        detail: { known: Boolean(user) },
        ip: input.ip,
      });
      if (!user) return { kind: "accepted" } as const;
      // Only the newest link works.
      deleteOpenPasswordResets(tx, user.id);
      const id = newId();
      insertPasswordReset(tx, {
        id,
        userId: user.id,
        tokenHash: hashToken(passwordResetToken(ensureAppSecret(tx, now), id)),
        expiresAt: now + PASSWORD_RESET_LIFETIME,
        at: now,
      });
      enqueueNotification(tx, {
        pageId: getPageRow(tx)!.id,
        kind: "password_reset",
        payload: { resetId: id },
        at: now,
      });
      return { kind: "accepted" } as const;
    },
    { behavior: "immediate" },
  );
}

/** The open (unused, unexpired) reset a link's token opens, with the member's email; null otherwise. */
export function openPasswordReset(db: Db, token: string, now = Date.now()) {
  if (!token || token.length > 200) return null;
  return findOpenPasswordResetByTokenHash(db, hashToken(token), now);
}

/** Sets a member's password and ends all their sessions, audited, in the caller's transaction. */
function replacePassword(
  tx: Tx,
  user: { id: string; email: string },
  hash: string,
  now: number,
  audit: { actorType: "user" | "system"; ip?: string | null; by: string },
) {
  updatePasswordHash(tx, user.id, hash, now);
  const endedSessions = deleteUserSessions(tx, user.id);
  deleteOpenPasswordResets(tx, user.id);
  // Whoever locked the account by guessing no longer holds its owner back.
  clearRateLimit(tx, accountLimitKey(user.email));
  insertAuditEntry(tx, {
    at: now,
    actorType: audit.actorType,
    actorId: audit.actorType === "user" ? user.id : null,
    actorLabel: audit.actorType === "user" ? user.email : "system",
    action: "auth.password_reset",
    targetType: "user",
    targetId: user.id,
    detail: { by: audit.by, endedSessions },
    ip: audit.ip ?? null,
  });
  return endedSessions;
}

export type ResetOutcome = { ok: true; email: string } | { ok: false; field?: "password"; message: string };

const LINK_GONE =
  "This reset link is no longer valid: it was used, replaced by a newer one, or it expired. Ask for a new one.";

/** Sets the new password from a reset link. The link works once, even for two submissions at the same moment. */
export async function completePasswordReset(
  db: Db,
  input: { token: string; newPassword: string; ip: string | null; now: number },
): Promise<ResetOutcome> {
  const reset = openPasswordReset(db, input.token, input.now);
  if (!reset) return { ok: false, message: LINK_GONE };
  if (input.newPassword.length < PASSWORD_MIN_LENGTH)
    return { ok: false, field: "password", message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  if (input.newPassword.length > PASSWORD_MAX_LENGTH)
    return { ok: false, field: "password", message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  const hash = await hashPassword(input.newPassword);
  return db.transaction((tx) => {
    if (!claimPasswordReset(tx, reset.id, input.now)) return { ok: false, message: LINK_GONE } as const;
    replacePassword(tx, { id: reset.userId, email: reset.email }, hash, input.now, {
      actorType: "user",
      ip: input.ip,
      by: "email link",
    });
    return { ok: true, email: reset.email } as const;
  });
}

/** For an owner locked out without email: a generated password, returned once to be printed. */
export async function resetPasswordByCommand(
  db: Db,
  email: string,
  now = Date.now(),
): Promise<{ ok: true; email: string; password: string } | { ok: false; message: string }> {
  const user = findUserByEmail(db, email);
  if (!user) return { ok: false, message: `No member has the email ${email.trim().toLowerCase()}.` };
  const password = generatePassword();
  const hash = await hashPassword(password);
  db.transaction((tx) => replacePassword(tx, user, hash, now, { actorType: "system", by: "command line" }));
  return { ok: true, email: user.email, password };
}

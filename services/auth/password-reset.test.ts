// Password reset by email, end to end below the UI: the request (same answer for every address, throttled),
// the email through the real outbox and the real Resend SDK against the fake server, and the link (once,
// for 30 minutes, same password rules, every session ended, audited).
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findUserById } from "@/db/queries/users";
import { auditLog, emailMessages, notifications, passwordResets } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { REMOVED_LINK_TOKEN } from "@/services/notifications/tokens";
import { hashPassword, verifyPassword } from "@/services/password";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { makeWorld } from "@/services/testing/notification-fixtures";
import { MINUTE } from "@/core/time";
import {
  completePasswordReset,
  openPasswordReset,
  PASSWORD_RESET_LIFETIME,
  requestPasswordReset,
  RESET_REQUEST_LIMITS,
  resetPasswordByCommand,
} from "./password-reset";
import { createSession, lookupSession } from "./sessions";

const PUBLIC_URL = "https://status.example.org";
const OPTS = { publicUrl: PUBLIC_URL, from: "Status <status@example.org>" };
const NOW = Date.UTC(2026, 10, 23, 15);
const IP = "198.51.100.9";

let fake: FakeResend;
let db: Db;
let userId: string;
let oldHash: string;
beforeAll(async () => {
  fake = await startFakeResend();
  oldHash = await hashPassword("the old password 1");
}, 20_000);
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(0);
  db = makeWorld().db;
  userId = insertUser(db, { email: "ada@example.org", passwordHash: oldHash, role: "owner", at: NOW });
});
afterEach(() => db.$client.close());

const resetLink = (text: string) => text.match(/https:\/\/status\.example\.org\/login\/reset\/([\w.-]+)/)?.[1];

/** Asks for a reset and delivers it through Resend (the fake); returns the token from the email. */
async function requestAndReceive(email = "ada@example.org", now = NOW): Promise<string> {
  expect(requestPasswordReset(db, { email, ip: IP, now })).toEqual({ kind: "accepted" });
  await runNotificationJobs(db, now + 1000, { mailer: createResendMailer("re_test", fake.url), ...OPTS });
  const sent = fake
    .emails()
    .filter((e) => e.to.includes(email))
    .at(-1)!;
  expect(sent.subject).toBe("Reset your Example IT console password");
  return resetLink(sent.text ?? "")!;
}

describe("asking for a password reset", () => {
  it("emails a single-use link through the outbox; only the link's hash is stored, and Sent mail loses the token", async () => {
    const token = await requestAndReceive();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(db.select().from(passwordResets).all())).not.toContain(token);
    expect(JSON.stringify(db.select().from(notifications).all())).not.toContain(token);
    const stored = db.select().from(emailMessages).get()!;
    expect(stored.text).toContain(`/login/reset/${REMOVED_LINK_TOKEN}`);
    expect(stored.text).not.toContain(token);
    expect(openPasswordReset(db, token, NOW + 2000)?.email).toBe("ada@example.org");
  });

  it("answers an unknown address exactly like a known one, sends nothing and stores nothing for it", async () => {
    expect(requestPasswordReset(db, { email: "nobody@example.org", ip: IP, now: NOW })).toEqual({ kind: "accepted" });
    expect(requestPasswordReset(db, { email: " ADA@example.org ", ip: IP, now: NOW })).toEqual({ kind: "accepted" });
    await runNotificationJobs(db, NOW + 1000, { mailer: createResendMailer("re_test", fake.url), ...OPTS });
    expect(
      fake
        .emails()
        .map((e) => e.to)
        .flat(),
    ).toEqual(["ada@example.org"]);
    expect(db.select().from(passwordResets).all()).toHaveLength(1);
    const actions = db
      .select()
      .from(auditLog)
      .all()
      .map((a) => [a.action, a.actorLabel]);
    expect(actions).toEqual([
      ["auth.password_reset_requested", "nobody@example.org"],
      ["auth.password_reset_requested", "ada@example.org"],
    ]);
  });

  it("keeps no usable link in the local outbox either: admins read Sent mail, and a reset link is a key to the account", async () => {
    requestPasswordReset(db, { email: "ada@example.org", ip: IP, now: NOW });
    await runNotificationJobs(db, NOW + 1000, { mailer: null, ...OPTS });
    const stored = db.select().from(emailMessages).get()!;
    expect(stored.state).toBe("kept_locally");
    expect(resetLink(stored.text)).toBe(REMOVED_LINK_TOKEN);
    expect(resetLink(stored.html)).toBe(REMOVED_LINK_TOKEN);
  });

  it("is throttled per address and per client address, whether or not the address has an account", () => {
    for (let i = 0; i < RESET_REQUEST_LIMITS.perEmail; i++)
      expect(requestPasswordReset(db, { email: "ada@example.org", ip: `192.0.2.${i}`, now: NOW + i }).kind).toBe(
        "accepted",
      );
    expect(requestPasswordReset(db, { email: "ada@example.org", ip: "192.0.2.99", now: NOW + 10 })).toEqual({
      kind: "throttled",
      retryAfterMs: expect.any(Number),
    });
    for (let i = 0; i < RESET_REQUEST_LIMITS.perEmail; i++)
      requestPasswordReset(db, { email: "ghost@example.org", ip: `192.0.2.${50 + i}`, now: NOW + i });
    expect(requestPasswordReset(db, { email: "ghost@example.org", ip: "192.0.2.98", now: NOW + 10 }).kind).toBe(
      "throttled",
    );
    for (let i = 0; i < RESET_REQUEST_LIMITS.perAddress; i++)
      requestPasswordReset(db, { email: `u${i}@example.org`, ip: "203.0.113.5", now: NOW + i });
    expect(requestPasswordReset(db, { email: "other@example.org", ip: "203.0.113.5", now: NOW + 20 }).kind).toBe(
      "throttled",
    );
    // An hour later both windows are over.
    expect(requestPasswordReset(db, { email: "ada@example.org", ip: "203.0.113.5", now: NOW + 61 * MINUTE }).kind).toBe(
      "accepted",
    );
  });
});

describe("following the link", () => {
  it("sets the new password once, ends every session, and is audited", async () => {
    const session = createSession(db, { userId, pendingTwoFactor: false, now: NOW });
    const token = await requestAndReceive();
    const done = await completePasswordReset(db, {
      token,
      newPassword: "a brand new password",
      ip: IP,
      now: NOW + 5 * MINUTE,
    });
    expect(done).toEqual({ ok: true, email: "ada@example.org" });
    expect(await verifyPassword("a brand new password", findUserById(db, userId)!.passwordHash)).toBe(true);
    expect(lookupSession(db, session.token, NOW + 5 * MINUTE)).toBeNull();
    expect(db.select().from(auditLog).where(eq(auditLog.action, "auth.password_reset")).get()).toMatchObject({
      actorId: userId,
      ip: IP,
      detail: { endedSessions: 1 },
    });
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain("a brand new password");
    // Used: the same link does nothing more.
    expect(openPasswordReset(db, token, NOW + 6 * MINUTE)).toBeNull();
    expect(
      await completePasswordReset(db, { token, newPassword: "another new password", ip: IP, now: NOW + 6 * MINUTE }),
    ).toMatchObject({ ok: false });
    expect(await verifyPassword("a brand new password", findUserById(db, userId)!.passwordHash)).toBe(true);
  }, 30_000);

  it("expires after 30 minutes, and a newer request replaces an older link", async () => {
    expect(PASSWORD_RESET_LIFETIME).toBe(30 * MINUTE);
    const first = await requestAndReceive();
    expect(openPasswordReset(db, first, NOW + 29 * MINUTE)).not.toBeNull();
    expect(openPasswordReset(db, first, NOW + 30 * MINUTE)).toBeNull();
    expect(
      await completePasswordReset(db, {
        token: first,
        newPassword: "too late password",
        ip: IP,
        now: NOW + 31 * MINUTE,
      }),
    ).toMatchObject({ ok: false });
    const second = await requestAndReceive("ada@example.org", NOW + 40 * MINUTE);
    const third = await requestAndReceive("ada@example.org", NOW + 41 * MINUTE);
    expect(openPasswordReset(db, second, NOW + 42 * MINUTE)).toBeNull();
    expect(openPasswordReset(db, third, NOW + 42 * MINUTE)).not.toBeNull();
    expect(openPasswordReset(db, "x".repeat(500), NOW)).toBeNull();
  }, 30_000);

  it("applies the same password rules as everywhere else", async () => {
    const token = await requestAndReceive();
    expect(await completePasswordReset(db, { token, newPassword: "short", ip: IP, now: NOW + MINUTE })).toEqual({
      ok: false,
      field: "password",
      message: "Use at least 12 characters.",
    });
    expect(openPasswordReset(db, token, NOW + MINUTE)).not.toBeNull();
  });
});

describe("resetPasswordByCommand", () => {
  it("sets a generated password, ends every session and audits it; an unknown address is an error", async () => {
    const session = createSession(db, { userId, pendingTwoFactor: false, now: NOW });
    const result = await resetPasswordByCommand(db, "ADA@example.org", NOW);
    expect(result).toEqual({ ok: true, email: "ada@example.org", password: expect.stringMatching(/^\S{16,}$/) });
    const { password } = result as { password: string };
    expect(await verifyPassword(password, findUserById(db, userId)!.passwordHash)).toBe(true);
    expect(lookupSession(db, session.token, NOW)).toBeNull();
    expect(db.select().from(auditLog).where(eq(auditLog.action, "auth.password_reset")).get()).toMatchObject({
      actorType: "system",
      targetId: userId,
      detail: { by: "command line", endedSessions: 1 },
    });
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain(password);
    expect(await resetPasswordByCommand(db, "nobody@example.org", NOW)).toEqual({
      ok: false,
      message: "No member has the email nobody@example.org.",
    });
  }, 30_000);
});

import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { sessions } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { hashPassword, verifyPassword } from "@/services/password";
import { findUserById } from "@/db/queries/users";
import { changePassword } from "./password-change";
import { SESSION_ABSOLUTE_TIMEOUT, SESSION_IDLE_TIMEOUT } from "./policy";
import { createSession, endSession, lookupSession } from "./sessions";
import { hashToken } from "./tokens";

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
let db: Db;
let hash: string;
beforeAll(async () => {
  hash = await hashPassword("old password 123");
}, 20_000);
afterEach(() => db?.$client.close());

function setup() {
  db = openDatabase(":memory:");
  return insertUser(db, { email: "sam@example.org", passwordHash: hash, role: "editor", at: NOW });
}

describe("sessions", () => {
  it("finds a live session by its token and refuses unknown or oversized tokens", () => {
    const userId = setup();
    const { token } = createSession(db, { userId, pendingTwoFactor: false, now: NOW });
    expect(lookupSession(db, token, NOW + 1000)?.user).toMatchObject({ id: userId, role: "editor" });
    expect(lookupSession(db, "not-a-token", NOW)).toBeNull();
    expect(lookupSession(db, "x".repeat(500), NOW)).toBeNull();
    expect(lookupSession(db, undefined, NOW)).toBeNull();
  });

  it("ends after the idle timeout, counted from the last use", () => {
    const userId = setup();
    const { token } = createSession(db, { userId, pendingTwoFactor: false, now: NOW });
    const later = NOW + SESSION_IDLE_TIMEOUT - 1000;
    expect(lookupSession(db, token, later)).not.toBeNull();
    expect(lookupSession(db, token, later + SESSION_IDLE_TIMEOUT - 1000)).not.toBeNull();
    expect(lookupSession(db, token, later + 2 * SESSION_IDLE_TIMEOUT)).toBeNull();
    expect(db.select().from(sessions).all()).toHaveLength(0);
  });

  it("ends at the absolute expiry however busy", () => {
    const userId = setup();
    const { token } = createSession(db, { userId, pendingTwoFactor: false, now: NOW });
    for (let t = NOW; t < NOW + SESSION_ABSOLUTE_TIMEOUT; t += SESSION_IDLE_TIMEOUT / 2)
      expect(lookupSession(db, token, t)).not.toBeNull();
    expect(lookupSession(db, token, NOW + SESSION_ABSOLUTE_TIMEOUT)).toBeNull();
  });

  it("signing out deletes the session on the server", () => {
    const userId = setup();
    const { token } = createSession(db, { userId, pendingTwoFactor: false, now: NOW });
    endSession(db, token);
    expect(lookupSession(db, token, NOW)).toBeNull();
  });
});

describe("changePassword", () => {
  it("checks the current password, then ends every other session but this one", async () => {
    const userId = setup();
    const mine = createSession(db, { userId, pendingTwoFactor: false, now: NOW });
    const other = createSession(db, { userId, pendingTwoFactor: false, now: NOW });
    const wrong = await changePassword(db, {
      userId,
      currentPassword: "nope",
      newPassword: "new password 456",
      keepTokenHash: hashToken(mine.token),
      now: NOW,
    });
    expect(wrong.ok).toBe(false);
    expect(lookupSession(db, other.token, NOW)).not.toBeNull();

    const result = await changePassword(db, {
      userId,
      currentPassword: "old password 123",
      newPassword: "new password 456",
      keepTokenHash: hashToken(mine.token),
      now: NOW,
    });
    expect(result).toEqual({ ok: true, endedSessions: 1 });
    expect(lookupSession(db, mine.token, NOW)).not.toBeNull();
    expect(lookupSession(db, other.token, NOW)).toBeNull();
    expect(await verifyPassword("new password 456", findUserById(db, userId)!.passwordHash)).toBe(true);
  }, 30_000);
});

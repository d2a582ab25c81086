// The second sign-in step through its Server Action: a right code gives the browser a new session token and
// the token that was issued after the password alone stops working (no session fixation across the step).
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { sessions, users } from "@/db/schema";
import { SESSION_COOKIE } from "@/services/auth/policy";
import { createSession, lookupSession } from "@/services/auth/sessions";
import { hashToken } from "@/services/auth/tokens";
import { newTotpSecret, totp } from "@/services/auth/totp";
import {
  fakeRequest,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  runAction,
} from "@/services/testing/auth-harness";

const { twoFactorAction } = await import("./actions");

let db: Db;
beforeEach(() => ({ db } = installTestDatabase()));
afterEach(() => removeTestDatabase());

describe("twoFactorAction", () => {
  it("rotates the session token: a new one in the cookie, the pending one invalid", async () => {
    const user = makeUser(db, "editor");
    const secret = newTotpSecret();
    db.update(users).set({ totpSecret: secret, totpEnabledAt: Date.now() }).where(eq(users.id, user.id)).run();
    const pending = createSession(db, { userId: user.id, pendingTwoFactor: true, now: Date.now() });
    fakeRequest.cookies.set(SESSION_COOKIE, pending.token);

    const result = await runAction(twoFactorAction, { code: totp(secret, Date.now()) });
    expect(result.redirect).toBe("/admin");
    const issued = fakeRequest.cookies.get(SESSION_COOKIE)!;
    expect(issued).not.toBe(pending.token);
    expect(lookupSession(db, pending.token, Date.now())).toBeNull();
    expect(lookupSession(db, issued, Date.now())).toMatchObject({ pendingTwoFactor: false, user: { id: user.id } });
    expect(
      db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, hashToken(pending.token)))
        .get(),
    ).toBeUndefined();
  });

  it("a wrong code leaves the pending token as it was", async () => {
    const user = makeUser(db, "editor");
    const secret = newTotpSecret();
    db.update(users).set({ totpSecret: secret, totpEnabledAt: Date.now() }).where(eq(users.id, user.id)).run();
    const pending = createSession(db, { userId: user.id, pendingTwoFactor: true, now: Date.now() });
    fakeRequest.cookies.set(SESSION_COOKIE, pending.token);
    const wrong = totp(secret, Date.now()) === "000000" ? "111111" : "000000";
    expect((await runAction(twoFactorAction, { code: wrong })).state).toMatchObject({
      ok: false,
      errors: { code: expect.any(Array) },
    });
    expect(fakeRequest.cookies.get(SESSION_COOKIE)).toBe(pending.token);
    expect(lookupSession(db, pending.token, Date.now())).toMatchObject({ pendingTwoFactor: true });
  });
});

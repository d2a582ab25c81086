// Two-factor setup, sign-in with a code or a recovery code, and an owner's requirement, through the
// account and team actions called directly.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, components, recoveryCodes, sessions, users } from "@/db/schema";
import { createSession, lookupSession } from "@/services/auth/sessions";
import { hashToken } from "@/services/auth/tokens";
import { totp } from "@/services/auth/totp";
import { completeSignInWithCode } from "@/services/auth/two-factor";
import {
  actAs,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  formOf as form,
} from "@/services/testing/auth-harness";

const account = await import("./actions");
const teamActions = await import("../team/actions");
const services = await import("../services/actions");

let db: Db;
beforeEach(() => ({ db } = installTestDatabase()));
afterEach(() => removeTestDatabase());

async function turnOn(user: { id: string }) {
  actAs(db, user);
  const started = await account.startTwoFactorAction({}, form({}));
  const secret = started.reveal!.secret as string;
  expect(
    await account.confirmTwoFactorAction(
      {},
      form({ code: "000000" === totp(secret, Date.now()) ? "111111" : "000000" }),
    ),
  ).toMatchObject({ ok: false, errors: { code: expect.any(Array) } });
  const confirmed = await account.confirmTwoFactorAction({}, form({ code: totp(secret, Date.now()) }));
  return { secret, codes: confirmed.reveal!.recoveryCodes as string[] };
}

describe("two-factor sign-in", () => {
  it("is set up with a confirming code; recovery codes are shown once and stored hashed", async () => {
    const user = makeUser(db, "editor");
    const { codes } = await turnOn(user);
    expect(codes).toHaveLength(10);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.totpEnabledAt).not.toBeNull();
    const stored = JSON.stringify(db.select().from(recoveryCodes).all());
    for (const code of codes) expect(stored).not.toContain(code);
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain(codes[0]);
  });

  it("completes a pending sign-in with an app code or a recovery code (once), and throttles guessing", async () => {
    const user = makeUser(db, "editor");
    const { secret, codes } = await turnOn(user);
    const pending = () => createSession(db, { userId: user.id, pendingTwoFactor: true, now: Date.now() });
    const a = pending();
    expect(lookupSession(db, a.token, Date.now())!.pendingTwoFactor).toBe(true);
    const now = Date.now();
    const done = completeSignInWithCode(db, {
      tokenHash: hashToken(a.token),
      userId: user.id,
      code: totp(secret, now),
      ip: null,
      now,
    });
    expect(done).toEqual({ ok: true, token: expect.any(String), expiresAt: expect.any(Number) });
    // A new token for the signed-in session; the pending one is gone.
    expect(lookupSession(db, a.token, Date.now())).toBeNull();
    expect(lookupSession(db, (done as { token: string }).token, Date.now())!.pendingTwoFactor).toBe(false);
    // The same code, again within its window (someone who saw it): refused, and the session stays pending.
    const replay = pending();
    expect(
      completeSignInWithCode(db, {
        tokenHash: hashToken(replay.token),
        userId: user.id,
        code: totp(secret, now),
        ip: null,
        now: now + 1_000,
      }),
    ).toMatchObject({ ok: false });
    expect(lookupSession(db, replay.token, Date.now())!.pendingTwoFactor).toBe(true);
    // The next step's code works.
    expect(
      completeSignInWithCode(db, {
        tokenHash: hashToken(replay.token),
        userId: user.id,
        code: totp(secret, now + 30_000),
        ip: null,
        now: now + 30_000,
      }),
    ).toMatchObject({ ok: true });

    const b = pending();
    const viaRecovery = () =>
      completeSignInWithCode(db, {
        tokenHash: hashToken(b.token),
        userId: user.id,
        code: codes[0].toUpperCase(),
        ip: null,
        now: Date.now(),
      });
    expect(viaRecovery()).toMatchObject({ ok: true });
    const c = pending();
    expect(
      completeSignInWithCode(db, {
        tokenHash: hashToken(c.token),
        userId: user.id,
        code: codes[0],
        ip: null,
        now: Date.now(),
      }),
    ).toMatchObject({ ok: false });

    for (let i = 0; i < 5; i++)
      completeSignInWithCode(db, {
        tokenHash: hashToken(c.token),
        userId: user.id,
        code: "000000",
        ip: null,
        now: Date.now(),
      });
    expect(
      completeSignInWithCode(db, {
        tokenHash: hashToken(c.token),
        userId: user.id,
        code: totp(secret, Date.now()),
        ip: null,
        now: Date.now(),
      }),
    ).toMatchObject({ ok: false, throttledMs: expect.any(Number) });
  });

  it("a pending session cannot use the console's actions", async () => {
    const admin = makeUser(db, "admin");
    const { token } = createSession(db, { userId: admin.id, pendingTwoFactor: true, now: Date.now() });
    actAs(db, null);
    (await import("@/services/testing/next-headers-mock")).fakeRequest.cookies.set("session", token);
    expect(await services.createGroupAction({}, form({ name: "G" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
  });

  it("when an owner requires it, members without it can only set it up", async () => {
    const owner = makeUser(db, "owner");
    actAs(db, makeUser(db, "admin"));
    expect(await teamActions.requireTwoFactorAction({}, form({ required: "on" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("role does not allow"),
    });
    actAs(db, owner);
    expect(await teamActions.requireTwoFactorAction({}, form({ required: "on" }))).toMatchObject({ ok: true });

    const admin = makeUser(db, "admin");
    actAs(db, admin);
    expect(await services.createComponentAction({}, form({ name: "VPN" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("Set up two-factor"),
    });
    expect(db.select().from(components).all()).toHaveLength(0);
    const { secret } = await turnOn(admin);
    await expect(services.createComponentAction({}, form({ name: "VPN" }))).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
    expect(await account.disableTwoFactorAction({}, form({ code: totp(secret, Date.now()) }))).toMatchObject({
      ok: false,
      errors: { code: [expect.stringContaining("requires")] },
    });
    expect(db.select().from(sessions).all().length).toBeGreaterThan(0);
  });
});

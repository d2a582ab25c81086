// The reset request and the reset link through their Server Actions: the same answer for every address,
// clear per-field errors, and a link that sets the password and sends the member to sign in.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findUserById } from "@/db/queries/users";
import { passwordResets } from "@/db/schema";
import { ensureAppSecret } from "@/db/writes/page";
import { insertUser } from "@/db/writes/users";
import { RESET_ANSWER_FLOOR_MS } from "@/services/auth/password-reset";
import { passwordResetToken } from "@/services/notifications/tokens";
import { verifyPassword } from "@/services/password";
import { installTestDatabase, removeTestDatabase, runAction } from "@/services/testing/auth-harness";

const { requestPasswordResetAction } = await import("./actions");
const { resetPasswordAction } = await import("../reset/[token]/actions");

let db: Db;
beforeEach(() => {
  ({ db } = installTestDatabase());
  insertUser(db, { email: "ada@example.org", passwordHash: "unusable", role: "owner", at: Date.now() });
});
afterEach(() => removeTestDatabase());

describe("requestPasswordResetAction", () => {
  it("answers a member's address and an unknown one with the same words (only the address differs)", async () => {
    const known = (await runAction(requestPasswordResetAction, { email: "ada@example.org" })).state!;
    const unknown = (await runAction(requestPasswordResetAction, { email: "eve@example.org" })).state!;
    expect(known.ok).toBe(true);
    expect(unknown.ok).toBe(true);
    expect(known.message!.replace("ada@example.org", "X")).toBe(unknown.message!.replace("eve@example.org", "X"));
    expect(db.select().from(passwordResets).all()).toHaveLength(1);
  });

  it("takes the same time for a member's address and an unknown one: neither answers before the floor", async () => {
    const timed = async (email: string) => {
      const start = performance.now();
      await runAction(requestPasswordResetAction, { email });
      return performance.now() - start;
    };
    for (const email of ["ada@example.org", "zed@example.org"]) {
      const ms = await timed(email);
      expect(ms).toBeGreaterThanOrEqual(RESET_ANSWER_FLOOR_MS - 5);
      expect(ms).toBeLessThan(RESET_ANSWER_FLOOR_MS + 2_000);
    }
  });

  it("names what is wrong with the address, keeping what was typed", async () => {
    expect((await runAction(requestPasswordResetAction, { email: "" })).state).toMatchObject({
      ok: false,
      errors: { email: ["Enter your email address."] },
    });
    expect((await runAction(requestPasswordResetAction, { email: "not an address" })).state).toMatchObject({
      ok: false,
      errors: { email: [expect.stringContaining("name@example.org")] },
      values: { email: "not an address" },
    });
    expect((await runAction(requestPasswordResetAction, { email: "ada\u0000@example.org" })).state).toMatchObject({
      ok: false,
      errors: { email: [expect.stringContaining("control characters")] },
    });
  });
});

describe("resetPasswordAction", () => {
  const openReset = async () => {
    await runAction(requestPasswordResetAction, { email: "ada@example.org" });
    const row = db.select().from(passwordResets).get()!;
    return { token: passwordResetToken(ensureAppSecret(db, Date.now()), row.id), userId: row.userId };
  };

  it("asks for matching passwords of the usual length, per field", async () => {
    const { token } = await openReset();
    expect(
      (await runAction(resetPasswordAction, { token, password: "short", confirmPassword: "short" })).state,
    ).toMatchObject({ errors: { password: ["Use at least 12 characters."] } });
    expect(
      (
        await runAction(resetPasswordAction, {
          token,
          password: "long enough password",
          confirmPassword: "another one here",
        })
      ).state,
    ).toMatchObject({ errors: { confirmPassword: ["The two passwords differ."] } });
  });

  it("sets the password and sends the member to sign in; the link then says it is no longer valid", async () => {
    const { token, userId } = await openReset();
    expect(
      await runAction(resetPasswordAction, {
        token,
        password: "long enough password",
        confirmPassword: "long enough password",
      }),
    ).toEqual({ redirect: "/login?notice=password-reset" });
    expect(await verifyPassword("long enough password", findUserById(db, userId)!.passwordHash)).toBe(true);
    expect(db.select().from(passwordResets).where(eq(passwordResets.userId, userId)).get()!.usedAt).not.toBeNull();
    expect(
      (
        await runAction(resetPasswordAction, {
          token,
          password: "long enough password",
          confirmPassword: "long enough password",
        })
      ).state,
    ).toMatchObject({ ok: false, message: expect.stringContaining("no longer valid") });
  }, 20_000);
});

import { desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { auditLog, rateLimits, sessions, users } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { writeRateLimit } from "@/db/writes/rate-limits";
import { hashPassword } from "@/services/password";
import { SIGN_IN_FREE_FAILURES, lockoutAfterFailures, describeWait } from "./policy";
import { signIn } from "./sign-in";
import { hashToken } from "./tokens";

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const PASSWORD = "correct horse battery";
let hash: string;
let db: Db;

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
}, 20_000);
afterEach(() => db?.$client.close());

function setup() {
  db = openDatabase(":memory:");
  const id = insertUser(db, { email: "Ada@Example.org", passwordHash: hash, role: "owner", at: NOW });
  return id;
}
const attempt = (email: string, password: string, now = NOW, ip = "198.51.100.7") =>
  signIn(db, { email, password, ip, userAgent: "test", now });
const lastAudit = () => db.select().from(auditLog).orderBy(desc(auditLog.id)).get()!;

describe("signIn", () => {
  it("signs in with the right password, case-insensitively by email, storing only the token's hash", async () => {
    const userId = setup();
    const result = await attempt(" ada@example.ORG ", PASSWORD);
    expect(result.kind).toBe("signed_in");
    if (result.kind !== "signed_in") return;
    const row = db.select().from(sessions).get()!;
    expect(row.userId).toBe(userId);
    expect(row.tokenHash).toBe(hashToken(result.token));
    expect(row.tokenHash).not.toContain(result.token);
    expect(lastAudit()).toMatchObject({ action: "auth.sign_in", actorId: userId, ip: "198.51.100.7" });
  }, 20_000);

  it("answers an unknown email exactly as a wrong password, and audits both without the password", async () => {
    setup();
    expect(await attempt("ada@example.org", "wrong password!")).toEqual({ kind: "invalid" });
    expect(lastAudit()).toMatchObject({ action: "auth.sign_in_failed", detail: { reason: "wrong_password" } });
    expect(await attempt("nobody@example.org", "wrong password!")).toEqual({ kind: "invalid" });
    expect(lastAudit()).toMatchObject({
      action: "auth.sign_in_failed",
      actorType: "anonymous",
      detail: { reason: "unknown_email" },
    });
    const everything = JSON.stringify(db.select().from(auditLog).all());
    expect(everything).not.toContain("wrong password!");
    expect(db.select().from(sessions).all()).toHaveLength(0);
  }, 20_000);

  it("locks an account out from one address after repeated failures, even with the right password, with growing delays", async () => {
    setup();
    for (let i = 0; i < SIGN_IN_FREE_FAILURES.accountFromAddress; i++) {
      expect((await attempt("ada@example.org", `guess ${i}`, NOW + i)).kind).toBe("invalid");
    }
    const blocked = await attempt("ada@example.org", PASSWORD, NOW + 10);
    expect(blocked).toEqual({ kind: "throttled", retryAfterMs: expect.any(Number) });
    expect(lastAudit().action).toBe("auth.sign_in_throttled");
    expect(db.select().from(sessions).all()).toHaveLength(0);
    // After the wait, one more failure doubles the lock-out.
    const later = NOW + 31_000;
    expect((await attempt("ada@example.org", "again wrong", later)).kind).toBe("invalid");
    const next = await attempt("ada@example.org", PASSWORD, later + 1);
    expect(next.kind === "throttled" && next.retryAfterMs).toBeGreaterThan(59_000);
    // Once it has passed, the right password works and clears the counter of this account and address.
    expect((await attempt("ada@example.org", PASSWORD, later + 61_000)).kind).toBe("signed_in");
    expect(
      db
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, "sign-in:account-address:ada@example.org|198.51.100.7"))
        .get(),
    ).toBeUndefined();
  }, 60_000);

  it("a stranger failing from one address slows only that address: the owner signs in from another", async () => {
    setup();
    for (let i = 0; i < SIGN_IN_FREE_FAILURES.accountFromAddress; i++)
      await attempt("ada@example.org", `guess ${i}`, NOW + i, "203.0.113.66");
    // The stranger keeps going; every further try is refused before any password check.
    for (let i = 0; i < 20; i++)
      expect((await attempt("ada@example.org", `more ${i}`, NOW + 100 + i, "203.0.113.66")).kind).toBe("throttled");
    expect((await attempt("ada@example.org", PASSWORD, NOW + 200, "203.0.113.66")).kind).toBe("throttled");
    // The owner, elsewhere, is not held up at all.
    expect((await attempt("ada@example.org", PASSWORD, NOW + 300, "192.0.2.10")).kind).toBe("signed_in");
  }, 60_000);

  it("throttles an account tried from many addresses, at a much higher threshold", async () => {
    setup();
    expect(SIGN_IN_FREE_FAILURES.account).toBeGreaterThanOrEqual(10 * SIGN_IN_FREE_FAILURES.accountFromAddress);
    // Failures spread over many addresses (written directly: a hundred scrypt checks are slow).
    writeRateLimit(db, {
      key: "sign-in:account:ada@example.org",
      windowStart: NOW,
      count: 99,
      failures: SIGN_IN_FREE_FAILURES.account - 1,
      blockedUntil: null,
    });
    expect((await attempt("ada@example.org", "one more", NOW + 10, "192.0.2.77")).kind).toBe("invalid");
    expect((await attempt("ada@example.org", PASSWORD, NOW + 20, "192.0.2.78")).kind).toBe("throttled");
  }, 30_000);

  it("counts a burst of parallel attempts before checking any password, so the burst cannot outrun the lock-out", async () => {
    setup();
    const attempts = Array.from({ length: 50 }, (_, i) =>
      attempt("ada@example.org", i === 49 ? PASSWORD : `parallel ${i}`),
    );
    const results = await Promise.all(attempts);
    const checked = db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => e.action === "auth.sign_in_failed" || e.action === "auth.sign_in");
    expect(checked.length).toBeLessThanOrEqual(SIGN_IN_FREE_FAILURES.accountFromAddress);
    expect(results.filter((r) => r.kind === "throttled")).toHaveLength(50 - checked.length);
    // The right password came after the lock-out had started, so it too was refused without a check.
    expect(results[49].kind).toBe("throttled");
  }, 120_000);

  it("a right password inside the free attempts gives its reserved attempt back", async () => {
    setup();
    for (let i = 0; i < SIGN_IN_FREE_FAILURES.accountFromAddress - 1; i++)
      await attempt("ada@example.org", `guess ${i}`, NOW + i, "192.0.2.5");
    expect((await attempt("ada@example.org", PASSWORD, NOW + 10, "192.0.2.5")).kind).toBe("signed_in");
    const account = db.select().from(rateLimits).where(eq(rateLimits.key, "sign-in:account:ada@example.org")).get()!;
    expect(account.failures).toBe(SIGN_IN_FREE_FAILURES.accountFromAddress - 1);
    expect(account.blockedUntil).toBeNull();
  }, 60_000);

  it("throttles an unknown email the same way, so the lock-out does not reveal which emails exist", async () => {
    setup();
    for (let i = 0; i < SIGN_IN_FREE_FAILURES.accountFromAddress; i++) await attempt("ghost@example.org", "x", NOW + i);
    expect((await attempt("ghost@example.org", "x", NOW + 10)).kind).toBe("throttled");
  }, 60_000);

  it("throttles one client address trying many accounts", async () => {
    setup();
    // Many accounts already tried from this address (written directly: 20 scrypt checks are slow).
    writeRateLimit(db, {
      key: "sign-in:address:198.51.100.7",
      windowStart: NOW,
      count: 19,
      failures: SIGN_IN_FREE_FAILURES.address - 1,
      blockedUntil: null,
    });
    expect((await attempt("user20@example.org", "x", NOW + 50)).kind).toBe("invalid");
    expect((await attempt("ada@example.org", PASSWORD, NOW + 100)).kind).toBe("throttled");
    expect((await attempt("ada@example.org", PASSWORD, NOW + 100, "192.0.2.200")).kind).toBe("signed_in");
  }, 30_000);

  it("opens a session that still owes a two-factor code when the member has TOTP on", async () => {
    const userId = setup();
    db.update(users).set({ totpEnabledAt: NOW }).where(eq(users.id, userId)).run();
    const result = await attempt("ada@example.org", PASSWORD);
    expect(result).toMatchObject({ kind: "signed_in", pendingTwoFactor: true });
    expect(db.select().from(sessions).get()!.pendingTwoFactor).toBe(true);
  }, 20_000);
});

describe("lock-out policy", () => {
  it("grows from 30 seconds, doubling, up to an hour", () => {
    expect(lockoutAfterFailures(4, 5)).toBe(0);
    expect(lockoutAfterFailures(5, 5)).toBe(30_000);
    expect(lockoutAfterFailures(6, 5)).toBe(60_000);
    expect(lockoutAfterFailures(50, 5)).toBe(3_600_000);
    expect(describeWait(30_000)).toBe("30 seconds");
    expect(describeWait(600_000)).toBe("10 minutes");
  });
});

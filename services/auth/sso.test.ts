// Console SSO against a real oidc-provider on 127.0.0.1: role mapping, just-in-time members, access requests
// an owner approves, two-factor still owed, the break-glass rules, and every refusal audited with its reason.
import { createHmac } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, sessions, ssoAccessRequests, users } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import type { Actor } from "@/core/actor";
import { approveSsoAccess, saveSsoSettings } from "@/services/console/sso";
import { changeRole } from "@/services/console/team";
import { hashPassword } from "@/services/password";
import { emptyPage } from "@/services/testing/scenario";
import { signInAtProvider, startOidcProvider, type TestProvider } from "@/services/testing/oidc-provider";
import { startOidcSignIn } from "@/services/viewers/oidc";
import { signIn } from "./sign-in";
import { finishConsoleSso, startConsoleSso, type ConsoleSsoSettings } from "./sso";

const REDIRECT = "http://127.0.0.1:3999/login/sso/callback";
const SECRET = "test-app-secret";
const USERS = {
  ann: { email: "ann@example.com", verified: true, groups: ["staff", "status-admins"] },
  bob: { email: "bob@example.com", verified: false, groups: ["status-admins"] },
  cat: { email: "cat@elsewhere.example", verified: true, groups: ["status-admins"] },
  dan: { email: "dan@example.com", verified: true, groups: ["sales"] },
  eve: { email: "eve@example.com", verified: true, groups: ["status-editors"] },
  olga: { email: "olga@example.com", verified: true, groups: [] },
};

let op: TestProvider;
let other: TestProvider;
beforeAll(async () => {
  op = await startOidcProvider({ redirectUri: REDIRECT, users: USERS });
  other = await startOidcProvider({ redirectUri: REDIRECT, users: USERS });
});
afterAll(async () => {
  await op.close();
  await other.close();
});

const provider = (over: Partial<ConsoleSsoSettings> = {}): ConsoleSsoSettings => ({
  issuer: op.issuer,
  clientId: op.clientId,
  clientSecret: op.clientSecret,
  name: "Example SSO",
  ...over,
});

let ownerId = "";
const owner = (): Actor => ({ type: "user", userId: ownerId, label: "olga@example.com", role: "owner" });

async function console(): Promise<Db> {
  const { db } = emptyPage();
  ownerId = insertUser(db, {
    email: "olga@example.com",
    passwordHash: await hashPassword("olga's long password"),
    role: "owner",
    at: 1,
  });
  const saved = saveSsoSettings(
    db,
    owner(),
    {
      roleClaim: "groups",
      roleMapping: "status-admins = admin\nstatus-editors = editor",
      emailDomains: "example.com",
      localPasswordsOff: false,
      breakGlassUserId: null,
    },
    true,
    2,
  );
  expect(saved).toEqual({ ok: true });
  return db;
}

async function flow(user: keyof typeof USERS, start = provider()) {
  const begun = await startConsoleSso(start, { redirectUri: REDIRECT, secret: SECRET, now: Date.now() });
  if (!begun.ok) throw new Error(begun.reason);
  return { callbackUrl: await signInAtProvider(begun.url, user, REDIRECT), cookie: begun.cookie };
}

const finish = (db: Db, f: { callbackUrl: URL; cookie: string }, s = provider()) =>
  finishConsoleSso(db, s, {
    callbackUrl: f.callbackUrl,
    flowCookie: f.cookie,
    secret: SECRET,
    ip: null,
    now: Date.now(),
  });

const refusals = (db: Db) =>
  db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "auth.sso_refused"))
    .all()
    .map((r) => (r.detail as { reason: string }).reason);

// Each test runs whole sign-in flows against a real provider over HTTP: seconds apiece on a loaded machine.
describe("console single sign-on", { timeout: 30_000 }, () => {
  it("signs a mapped member in just in time with the role their group maps to", async () => {
    const db = await console();
    const outcome = await finish(db, await flow("ann"));
    expect(outcome).toMatchObject({ ok: true, role: "admin", pendingTwoFactor: false });
    const ann = db.select().from(users).where(eq(users.email, "ann@example.com")).get();
    expect(ann?.role).toBe("admin");
    expect(db.select().from(sessions).where(eq(sessions.userId, ann!.id)).all()).toHaveLength(1);
    const actions = db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ["team.sso_member_created", "auth.sso_sign_in"]))
      .all();
    expect(actions.map((a) => [a.action, a.actorId]).sort()).toEqual([
      ["auth.sso_sign_in", ann!.id],
      ["team.sso_member_created", ann!.id],
    ]);
  });

  it("makes someone no mapping matches wait for an owner, with no session, until approved", async () => {
    const db = await console();
    expect(await finish(db, await flow("dan"))).toEqual({ ok: false, reason: "no_mapping" });
    expect(await finish(db, await flow("dan"))).toEqual({ ok: false, reason: "pending" });
    expect(db.select().from(users).where(eq(users.email, "dan@example.com")).get()).toBeUndefined();
    expect(db.select().from(sessions).all()).toHaveLength(0);
    const request = db.select().from(ssoAccessRequests).get()!;
    expect(request).toMatchObject({ email: "dan@example.com", claimValues: ["sales"] });
    expect(await approveSsoAccess(db, owner(), request.id, "editor", Date.now())).toEqual({
      ok: true,
      email: "dan@example.com",
    });
    expect(await finish(db, await flow("dan"))).toMatchObject({ ok: true, role: "editor" });
    expect(db.select().from(ssoAccessRequests).all()).toHaveLength(0);
    expect(refusals(db)).toEqual(["no_mapping", "pending"]);
  });

  it("lets only an owner approve", async () => {
    const db = await console();
    await finish(db, await flow("dan"));
    const request = db.select().from(ssoAccessRequests).get()!;
    const admin: Actor = { type: "user", userId: "x", label: "x", role: "admin" };
    await expect(approveSsoAccess(db, admin, request.id, "editor", Date.now())).rejects.toThrow(/not allowed/);
  });

  it("follows the mapping for an existing member, and still asks a member with two-factor for the code", async () => {
    const db = await console();
    const eve = insertUser(db, { email: "eve@example.com", passwordHash: "x", role: "admin", at: 3 });
    db.update(users).set({ totpSecret: "JBSWY3DPEHPK3PXP", totpEnabledAt: 4 }).where(eq(users.id, eve)).run();
    const outcome = await finish(db, await flow("eve"));
    expect(outcome).toMatchObject({ ok: true, role: "editor", pendingTwoFactor: true });
    expect(db.select().from(sessions).where(eq(sessions.userId, eve)).get()?.pendingTwoFactor).toBe(true);
    expect(
      db.select().from(auditLog).where(eq(auditLog.action, "auth.sso_accepted_two_factor_pending")).all(),
    ).toHaveLength(1);
  });

  it("refuses an unverified email and a domain not allowed, saying which", async () => {
    const db = await console();
    expect(await finish(db, await flow("bob"))).toEqual({ ok: false, reason: "unverified_email" });
    expect(await finish(db, await flow("cat"))).toEqual({ ok: false, reason: "domain_not_allowed" });
    expect(refusals(db)).toEqual(["unverified_email", "domain_not_allowed"]);
    expect(db.select().from(users).all()).toHaveLength(1);
  });

  it("refuses a tampered state, a replayed code, a wrong nonce and a viewer flow cookie", async () => {
    const db = await console();
    const tampered = await flow("ann");
    tampered.callbackUrl.searchParams.set("state", "tampered");
    expect(await finish(db, tampered)).toEqual({ ok: false, reason: "rejected" });

    const once = await flow("ann");
    expect((await finish(db, once)).ok).toBe(true);
    expect(await finish(db, once)).toEqual({ ok: false, reason: "rejected" });

    const f = await flow("ann");
    const [state, , verifier, expires] = f.cookie.split(".");
    const payload = [state, "another-nonce", verifier, expires].join(".");
    const mac = createHmac("sha256", SECRET).update(`console-oidc:${payload}`).digest("base64url");
    expect(await finish(db, { ...f, cookie: `${payload}.${mac}` })).toEqual({ ok: false, reason: "rejected" });

    // A viewer's flow cookie is signed for the other purpose: refused before the provider is asked.
    const viewer = await startOidcSignIn(
      { ...provider(), requiredClaim: null },
      { redirectUri: REDIRECT, secret: SECRET, now: Date.now() },
    );
    if (!viewer.ok) throw new Error(viewer.reason);
    const callbackUrl = await signInAtProvider(viewer.url, "ann", REDIRECT);
    expect(await finish(db, { callbackUrl, cookie: viewer.cookie })).toEqual({ ok: false, reason: "bad_flow" });
    expect(refusals(db)).toEqual(["rejected", "rejected", "rejected", "bad_flow"]);
  });

  it("refuses another issuer, another client (audience) and an expired ID token", async () => {
    const db = await console();
    const otherIssuer = provider({ issuer: other.issuer, clientId: other.clientId, clientSecret: other.clientSecret });
    expect(await finish(db, await flow("ann", otherIssuer))).toEqual({ ok: false, reason: "rejected" });
    const otherClient = provider({
      clientId: "other-app",
      clientSecret: "another-long-test-client-secret-of-forty-chars",
    });
    expect(await finish(db, await flow("ann", otherClient))).toEqual({ ok: false, reason: "rejected" });
    const skewed = provider({ clockSkewSeconds: 2 * 3600 });
    expect(await finish(db, await flow("ann", skewed), skewed)).toEqual({ ok: false, reason: "rejected" });
    expect(db.select().from(users).all()).toHaveLength(1);
  });

  it("says the provider is down instead of crashing", async () => {
    const down = provider({ issuer: "http://127.0.0.1:1" });
    expect(await startConsoleSso(down, { redirectUri: REDIRECT, secret: SECRET, now: Date.now() })).toEqual({
      ok: false,
      reason: "provider_down",
    });
  });
});

describe("local passwords off except the break-glass owner", { timeout: 30_000 }, () => {
  const off = (breakGlassUserId: string | null) => ({
    roleClaim: "groups",
    roleMapping: "status-admins = admin",
    emailDomains: "",
    localPasswordsOff: true,
    breakGlassUserId,
  });

  it("refuses to turn passwords off without SSO configured or without an owner to keep one", async () => {
    const db = await console();
    const editor = insertUser(db, { email: "ed@example.com", passwordHash: "x", role: "editor", at: 3 });
    expect(saveSsoSettings(db, owner(), off(ownerId), false, 5)).toMatchObject({
      ok: false,
      errors: { localPasswordsOff: [expect.stringMatching(/CONSOLE_OIDC_ISSUER/)] },
    });
    expect(saveSsoSettings(db, owner(), off(null), true, 5)).toMatchObject({
      ok: false,
      errors: { breakGlassUserId: [expect.stringMatching(/owner who keeps a password/)] },
    });
    expect(saveSsoSettings(db, owner(), off(editor), true, 5)).toMatchObject({ ok: false });
    const admin: Actor = { type: "user", userId: editor, label: "ed", role: "admin" };
    expect(() => saveSsoSettings(db, admin, off(ownerId), true, 5)).toThrow(/not allowed/);
  });

  it("refuses a non-owner's right password, accepts the break-glass owner's, and keeps that owner an owner", async () => {
    const db = await console();
    const second = insertUser(db, {
      email: "sam@example.com",
      passwordHash: await hashPassword("sam's long password"),
      role: "owner",
      at: 3,
    });
    expect(saveSsoSettings(db, owner(), off(ownerId), true, 5)).toEqual({ ok: true });
    const now = Date.now();
    expect(await signIn(db, { email: "sam@example.com", password: "sam's long password", ip: null, now })).toEqual({
      kind: "sso_only",
    });
    // A wrong password is just wrong: nothing tells a guesser whose password would be refused anyway.
    expect(await signIn(db, { email: "sam@example.com", password: "wrong", ip: null, now })).toEqual({
      kind: "invalid",
    });
    expect(
      await signIn(db, { email: "olga@example.com", password: "olga's long password", ip: null, now }),
    ).toMatchObject({ kind: "signed_in", userId: ownerId });
    const refused = db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_refused")).get();
    expect(refused).toMatchObject({ actorId: second, detail: { reason: "local_passwords_off" } });
    const samActor: Actor = { type: "user", userId: second, label: "sam", role: "owner" };
    expect(changeRole(db, samActor, ownerId, "admin", now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/break-glass owner/),
    });
  });
});

// OIDC viewer sign-in against a real oidc-provider on 127.0.0.1: the happy path, and every refusal the issue
// lists (tampered state, replayed code, wrong issuer, audience or nonce, expired token, unverified email, a
// domain or group that is not allowed, a provider that is down), each ending in a reason, never a crash.
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, pages } from "@/db/schema";
import { emptyPage } from "@/services/testing/scenario";
import { signInAtProvider, startOidcProvider, type TestProvider } from "@/services/testing/oidc-provider";
import { resolveAudience } from "./access";
import { finishOidcSignIn, startOidcSignIn, type OidcSettings } from "./oidc";

const REDIRECT = "http://127.0.0.1:3999/sign-in/oidc/callback";
const SECRET = "test-app-secret";
const USERS = {
  ann: { email: "ann@example.com", verified: true, groups: ["staff", "it"] },
  bob: { email: "bob@example.com", verified: false, groups: ["staff"] },
  cat: { email: "cat@elsewhere.example", verified: true, groups: ["staff"] },
  dan: { email: "dan@example.com", verified: true, groups: ["sales"] },
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

const settings = (over: Partial<OidcSettings> = {}): OidcSettings => ({
  issuer: op.issuer,
  clientId: op.clientId,
  clientSecret: op.clientSecret,
  requiredClaim: { name: "groups", value: "staff" },
  name: "Example SSO",
  ...over,
});

function page(): Db {
  const { db } = emptyPage();
  db.update(pages).set({ visibility: "mixed", viewerEmailDomains: "example.com" }).run();
  return db;
}

/** Starts a flow with `start` settings, signs `user` in at the provider, returns what the callback gets. */
async function flow(user: keyof typeof USERS, start = settings()) {
  const begun = await startOidcSignIn(start, { redirectUri: REDIRECT, secret: SECRET, now: Date.now() });
  if (!begun.ok) throw new Error(begun.reason);
  const callbackUrl = await signInAtProvider(begun.url, user, REDIRECT);
  return { callbackUrl, cookie: begun.cookie };
}

const finish = (db: Db, f: { callbackUrl: URL; cookie: string }, s = settings()) =>
  finishOidcSignIn(db, s, {
    callbackUrl: f.callbackUrl,
    flowCookie: f.cookie,
    secret: SECRET,
    ip: null,
    now: Date.now(),
  });

describe("OIDC viewer sign-in", () => {
  it("signs a verified member of the required group in as a viewer of the internal page", async () => {
    const db = page();
    const outcome = await finish(db, await flow("ann"));
    expect(outcome).toMatchObject({ ok: true, email: "ann@example.com" });
    if (!outcome.ok) return;
    expect(resolveAudience(db, { session: outcome.token }).audience).toBe("internal");
    expect(db.select().from(auditLog).where(eq(auditLog.action, "viewer.sign_in")).get()?.detail).toEqual({
      method: "oidc",
    });
  });

  it("refuses a tampered state", async () => {
    const db = page();
    const f = await flow("ann");
    f.callbackUrl.searchParams.set("state", "tampered");
    expect(await finish(db, f)).toEqual({ ok: false, reason: "rejected" });
  });

  it("refuses a tampered flow cookie before asking the provider", async () => {
    const db = page();
    const f = await flow("ann");
    expect(await finish(db, { ...f, cookie: f.cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A")) })).toEqual({
      ok: false,
      reason: "bad_flow",
    });
  });

  it("refuses a replayed authorization code", async () => {
    const db = page();
    const f = await flow("ann");
    expect((await finish(db, f)).ok).toBe(true);
    expect(await finish(db, f)).toEqual({ ok: false, reason: "rejected" });
  });

  it("refuses an answer from another issuer", async () => {
    const db = page();
    const f = await flow(
      "ann",
      settings({ issuer: other.issuer, clientId: other.clientId, clientSecret: other.clientSecret }),
    );
    expect(await finish(db, f)).toEqual({ ok: false, reason: "rejected" });
  });

  it("refuses a code issued to another client (audience)", async () => {
    const db = page();
    const f = await flow(
      "ann",
      settings({ clientId: "other-app", clientSecret: "another-long-test-client-secret-of-forty-chars" }),
    );
    expect(await finish(db, f)).toEqual({ ok: false, reason: "rejected" });
  });

  it("refuses a wrong nonce", async () => {
    const db = page();
    const f = await flow("ann");
    const [state, , verifier, expires] = f.cookie.split(".");
    const payload = [state, "another-nonce", verifier, expires].join(".");
    const mac = createHmac("sha256", SECRET).update(`viewer-oidc:${payload}`).digest("base64url");
    expect(await finish(db, { ...f, cookie: `${payload}.${mac}` })).toEqual({ ok: false, reason: "rejected" });
  });

  it("refuses an expired ID token", async () => {
    const db = page();
    const skewed = settings({ clockSkewSeconds: 2 * 3600 });
    expect(await finish(db, await flow("ann", skewed), skewed)).toEqual({ ok: false, reason: "rejected" });
  });

  it("refuses an unverified email, a domain not allowed, and a missing group, saying which", async () => {
    const db = page();
    expect(await finish(db, await flow("bob"))).toEqual({ ok: false, reason: "unverified_email" });
    expect(await finish(db, await flow("cat"))).toEqual({ ok: false, reason: "domain_not_allowed" });
    expect(await finish(db, await flow("dan"))).toEqual({ ok: false, reason: "claim_missing" });
    const refusals = db.select().from(auditLog).where(eq(auditLog.action, "viewer.sign_in_refused")).all();
    expect(refusals.map((r) => (r.detail as { reason: string }).reason)).toEqual([
      "unverified_email",
      "domain_not_allowed",
      "claim_missing",
    ]);
  });

  it("says the provider is down instead of crashing", async () => {
    const down = settings({ issuer: "http://127.0.0.1:1" });
    expect(await startOidcSignIn(down, { redirectUri: REDIRECT, secret: SECRET, now: Date.now() })).toEqual({
      ok: false,
      reason: "provider_down",
    });
  });
});

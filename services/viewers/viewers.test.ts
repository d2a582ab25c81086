// Viewers of the internal page: sessions apart from the console's, email-link sign-in (real Resend SDK against
// the fake Resend server), the IP allow-list and viewer tokens, all decided by resolveAudience.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, emailMessages, pages, viewerSignInLinks, viewerTokens } from "@/db/schema";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { lookupSession } from "@/services/auth/sessions";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { HOUR, MINUTE } from "@/core/time";
import { bearerToken, resolveAudience } from "./access";
import { requestViewerLink, signInWithLink } from "./email-link";
import { VIEWER_ABSOLUTE_TIMEOUT, VIEWER_IDLE_TIMEOUT, VIEWER_LINK_LIFETIME } from "./policy";
import { createViewerSession, endViewerSession, lookupViewerSession } from "./sessions";
import { createViewerToken, revokeToken } from "./tokens";

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());

function page(visibility: "public" | "private" | "mixed" = "private") {
  const { db } = emptyPage();
  db.update(pages)
    .set({ visibility, viewerEmailDomains: "example.com", viewerIpAllowlist: "10.0.0.0/8\n2001:db8::/32" })
    .run();
  return db;
}

/** Asks for a link, then lets the outbox send what it queued (through the real SDK to the fake Resend). */
async function ask(db: Db, email: string, now = T0, ip = "203.0.113.9") {
  const result = requestViewerLink(db, { email, ip, now });
  await sendOutbox(db, now);
  return result;
}

const sendOutbox = (db: Db, now: number) =>
  runNotificationJobs(db, now, {
    mailer: createResendMailer("re_test", fake.url),
    publicUrl: "https://status.example.org",
    from: "Status <status@example.org>",
    clock: () => now,
  });

const linkFor = (email: string) => {
  const sent = fake.emails().filter((m) => m.to.includes(email));
  const match = /https:\/\/status\.example\.org\/sign-in\?link=([A-Za-z0-9_-]+)/.exec(sent.at(-1)?.text ?? "");
  return match?.[1] ?? null;
};

describe("viewer sessions", () => {
  it("live until idle or absolute expiry, ended by sign-out", () => {
    const db = page();
    const { token } = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    expect(lookupViewerSession(db, token, T0 + HOUR)).toEqual({ email: "ann@example.com", method: "email" });
    expect(lookupViewerSession(db, token, T0 + HOUR + VIEWER_IDLE_TIMEOUT)).toBeNull();
    const second = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    let at = T0;
    // Used every few hours, it still ends at the absolute limit.
    while (at + 4 * HOUR < T0 + VIEWER_ABSOLUTE_TIMEOUT) {
      at += 4 * HOUR;
      expect(lookupViewerSession(db, second.token, at)).not.toBeNull();
    }
    expect(lookupViewerSession(db, second.token, T0 + VIEWER_ABSOLUTE_TIMEOUT)).toBeNull();
    const third = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    endViewerSession(db, third.token);
    expect(lookupViewerSession(db, third.token, T0 + 1)).toBeNull();
  });

  it("a viewer session opens nothing in the console, and a console session is no viewer", () => {
    const db = page();
    const { token } = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    expect(lookupSession(db, token, T0 + 1)).toBeNull();
    expect(resolveAudience(db, { session: "not-a-session" }, T0).audience).toBe("public");
  });
});

describe("email-link sign-in", () => {
  it("sends a single-use link to an allowed domain, which signs the viewer in once", async () => {
    const db = page();
    expect(await ask(db, "Ann@Example.com")).toEqual({ kind: "accepted" });
    const link = linkFor("ann@example.com");
    expect(link).not.toBeNull();
    // Only the hash is stored.
    expect(db.select().from(viewerSignInLinks).all()[0].tokenHash).not.toContain(link!);
    const first = signInWithLink(db, link!, { ip: null, now: T0 + MINUTE });
    expect(first?.email).toBe("ann@example.com");
    expect(resolveAudience(db, { session: first!.token }, T0 + 2 * MINUTE)).toMatchObject({
      audience: "internal",
      access: "everything",
    });
    expect(signInWithLink(db, link!, { ip: null, now: T0 + 2 * MINUTE })).toBeNull();
  });

  it("goes through the outbox: a failed send is retried, and the stored copy keeps no usable link", async () => {
    const db = page();
    fake.failNext(1, "500");
    expect(requestViewerLink(db, { email: "rita@example.com", ip: "203.0.113.9", now: T0 })).toEqual({
      kind: "accepted",
    });
    const first = await sendOutbox(db, T0);
    expect(first.retried).toBe(1);
    expect(linkFor("rita@example.com")).toBeNull();
    expect(first.nextDueAt).toBeGreaterThan(T0);
    const second = await sendOutbox(db, first.nextDueAt!);
    expect(second.sent).toBe(1);
    const token = linkFor("rita@example.com");
    expect(token).not.toBeNull();
    expect(signInWithLink(db, token!, { ip: null, now: first.nextDueAt! })?.email).toBe("rita@example.com");
    // Admins read Sent mail: the kept copy's link is of no use to them.
    const kept = db.select().from(emailMessages).all().at(-1)!;
    expect(kept.text).not.toContain(token!);
    expect(kept.text).toContain("/sign-in?link=link-removed-once-sent");
  });

  it("an expired link does nothing", async () => {
    const db = page();
    await ask(db, "bob@example.com");
    const link = linkFor("bob@example.com")!;
    expect(signInWithLink(db, link, { ip: null, now: T0 + VIEWER_LINK_LIFETIME })).toBeNull();
  });

  it("another domain gets the same answer and no email (no enumeration)", async () => {
    const db = page();
    const before = fake.emails().length;
    expect(await ask(db, "eve@evil.example")).toEqual({ kind: "accepted" });
    expect(await ask(db, "eve@sub.example.com")).toEqual({ kind: "accepted" });
    expect(fake.emails().length).toBe(before);
    expect(db.select().from(viewerSignInLinks).all()).toHaveLength(0);
    expect(await ask(db, "not an address")).toEqual({ kind: "invalid" });
  });

  it("is throttled per address and per client address", async () => {
    const db = page();
    for (let i = 0; i < 3; i++) expect((await ask(db, "cat@example.com")).kind).toBe("accepted");
    expect((await ask(db, "cat@example.com")).kind).toBe("throttled");
    for (let i = 0; i < 10; i++) await ask(db, `u${i}@elsewhere.example`, T0, "198.51.100.1");
    expect((await ask(db, "dan@example.com", T0, "198.51.100.1")).kind).toBe("throttled");
    expect((await ask(db, "cat@example.com", T0 + HOUR)).kind).toBe("accepted");
  });

  it("a link stops working when its domain is taken off the list", async () => {
    const db = page();
    await ask(db, "fay@example.com");
    db.update(pages).set({ viewerEmailDomains: "other.example" }).run();
    expect(signInWithLink(db, linkFor("fay@example.com")!, { ip: null, now: T0 + 1 })).toBeNull();
  });

  it("audits requests and sign-ins without the token", async () => {
    const db = page();
    await ask(db, "gil@example.com");
    const link = linkFor("gil@example.com")!;
    signInWithLink(db, link, { ip: "203.0.113.9", now: T0 + 1 });
    const entries = db.select().from(auditLog).where(eq(auditLog.actorLabel, "gil@example.com")).all();
    expect(entries.map((e) => e.action)).toEqual(["viewer.link_requested", "viewer.sign_in"]);
    expect(JSON.stringify(entries)).not.toContain(link);
  });
});

describe("IP allow-list and viewer tokens", () => {
  it("an allowed address sees the internal page without signing in; others do not", () => {
    const db = page("mixed");
    expect(resolveAudience(db, { ip: "10.2.3.4" }).audience).toBe("internal");
    expect(resolveAudience(db, { ip: "2001:db8::5" }).audience).toBe("internal");
    expect(resolveAudience(db, { ip: "192.0.2.1" })).toMatchObject({ audience: "public", access: "public-part" });
  });

  it("a public page looks nothing up: everyone is the public", () => {
    const db = page("public");
    expect(resolveAudience(db, { ip: "10.2.3.4" })).toMatchObject({ audience: "public", access: "everything" });
  });

  it("a token is shown once, stored hashed, works until revoked", () => {
    const db = page();
    const admin = addMember(db, "admin");
    const { id, token } = createViewerToken(db, admin, { name: "Dashboard" }, T0);
    expect(JSON.stringify(db.select().from(viewerTokens).all())).not.toContain(token);
    expect(resolveAudience(db, { token }, T0 + 1)).toMatchObject({ audience: "internal", access: "everything" });
    revokeToken(db, admin, id, T0 + 2);
    expect(resolveAudience(db, { token }, T0 + 3)).toMatchObject({ audience: "public", access: "refused" });
    expect(resolveAudience(db, { token: "spv_made-up" }, T0 + 3).audience).toBe("public");
  });

  it("editors may not make tokens", () => {
    const db = page();
    expect(() => createViewerToken(db, addMember(db, "editor"), { name: "x" }, T0)).toThrow();
  });

  it("reads the token from the Authorization header or the query", () => {
    expect(bearerToken(new Headers({ authorization: "Bearer spv_abc" }), "/api/v2/status.json")).toBe("spv_abc");
    expect(bearerToken(new Headers(), "/history.atom?viewer_token=spv_xyz")).toBe("spv_xyz");
    expect(bearerToken(new Headers(), "/history.atom")).toBeNull();
  });
});

describe("the hourly purge", () => {
  it("deletes ended viewer sessions and expired links, and keeps live ones", async () => {
    const { runSessionPurge } = await import("@/services/jobs/session-purge");
    const db = page();
    const live = createViewerSession(db, { email: "a@example.com", method: "email", now: T0 });
    createViewerSession(db, { email: "b@example.com", method: "email", now: T0 - VIEWER_ABSOLUTE_TIMEOUT });
    await ask(db, "c@example.com", T0 - HOUR);
    expect(runSessionPurge(db, T0 + MINUTE)).toBe(2);
    expect(lookupViewerSession(db, live.token, T0 + 2 * MINUTE)).not.toBeNull();
  });
});

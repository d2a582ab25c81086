// The vote route and the email's links: a visitor's first vote sets a cookie that makes later votes the same
// voter; a cross-site post and a body too large are refused; a subscriber's email link carries a voter
// token that the route accepts; a GET of the vote page records nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/helpful/[updateId]/vote/route";
import { closeDb } from "@/db";
import { updateVotes } from "@/db/schema";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { createIncident } from "@/services/incidents/incident-verbs";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import type { World } from "@/services/testing/notification-fixtures";

const system = { type: "system" as const, label: "automation" as const };
let world: World;
let updateId: string;
let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(0);
  world = useFreshAppDatabase();
  ({ updateId } = createIncident(world.db, system, {
    name: "VPN down",
    status: "investigating",
    message: "Looking",
    notify: true,
  }));
});
afterAll(() => closeDb());

const post = (body: string, headers: Record<string, string> = {}) =>
  POST(
    new Request(`http://127.0.0.1:3170/helpful/${updateId}/vote`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", host: "127.0.0.1:3170", ...headers },
    }),
    { params: Promise.resolve({ updateId }) },
  );
const votes = () => world.db.select().from(updateVotes).all();

describe("POST /helpful/<update>/vote", () => {
  it("records a visitor's vote, sets the voter cookie, and the cookie makes a second vote a change", async () => {
    const first = await post("helpful=no&comment=Which+region%3F");
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`/helpful/${updateId}?done=no`);
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^helpful_voter=[\w-]{24}; Path=\/helpful; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
    const again = await post("helpful=yes", { cookie: cookie.split(";")[0] });
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(votes()).toMatchObject([{ helpful: true, comment: null }]);
  });

  it("refuses a cross-site post, an oversized body and a bad choice, recording nothing", async () => {
    expect((await post("helpful=yes", { origin: "http://evil.example" })).status).toBe(403);
    expect((await post(`helpful=no&comment=${"x".repeat(9000)}`)).status).toBe(413);
    const bad = await post("helpful=maybe");
    expect(bad.headers.get("location")).toBe(`/helpful/${updateId}?error=choose`);
    const long = await post(`helpful=no&comment=${"x".repeat(600)}`);
    expect(long.headers.get("location")).toBe(`/helpful/${updateId}?error=comment-too-long`);
    // A control character is its own error, even in a comment that is also too long.
    const control = await post(`helpful=no&comment=${encodeURIComponent("Which\u0007 region?")}`);
    expect(control.headers.get("location")).toBe(`/helpful/${updateId}?error=comment-characters`);
    const both = await post(`helpful=no&comment=${encodeURIComponent("characters\u0007".repeat(60))}`);
    expect(both.headers.get("location")).toBe(`/helpful/${updateId}?error=comment-characters`);
    expect(votes()).toEqual([]);
  });

  // What the proxy sets for /de/helpful/... (services/i18n/locale-headers.ts).
  const inLanguage = (locale: string) => ({ "x-status-locale": locale, "x-status-default-locale": "en" });

  it("says a refusal in the page's language: a cross-site post in German, a deleted update in Arabic", async () => {
    const refused = await post("helpful=yes", { origin: "http://evil.example", ...inLanguage("de") });
    expect(refused.status).toBe(403);
    const german = await refused.text();
    expect(german).toContain('<html lang="de"');
    expect(german).toContain("<h1>Stimme abgelehnt</h1>");
    const gone = await POST(
      new Request("http://127.0.0.1:3170/helpful/zzzzzzzzzzzz/vote", {
        method: "POST",
        body: "helpful=yes",
        headers: { "Content-Type": "application/x-www-form-urlencoded", host: "127.0.0.1:3170", ...inLanguage("ar") },
      }),
      { params: Promise.resolve({ updateId: "zzzzzzzzzzzz" }) },
    );
    expect(gone.status).toBe(404);
    const arabic = await gone.text();
    expect(arabic).toContain('<html lang="ar" dir="rtl"');
    expect(arabic).toContain("<h1>لم يعد هذا التحديث موجودًا</h1>");
    expect(votes()).toEqual([]);
  });

  it("takes the voter token from a subscriber's email link; a forged one is sent back as a bad link", async () => {
    const subscriberId = insertEmailSubscriber(world.db, {
      pageId: world.pageId,
      email: "r@example.com",
      at: 1,
      state: "active",
    });
    // A second incident now reaches the subscriber.
    const { updateId: id } = createIncident(world.db, system, {
      name: "Mail slow",
      status: "investigating",
      message: "Hm",
      notify: true,
    });
    updateId = id;
    await runNotificationJobs(world.db, Date.now(), {
      mailer: createResendMailer("re_test", fake.url),
      publicUrl: "http://127.0.0.1:3170",
      from: "Status <status@example.org>",
    });
    const mail = fake.emails().find((e) => e.to.includes("r@example.com") && e.subject.includes("Mail slow"))!;
    const link = mail.text!.match(/http:\/\/127\.0\.0\.1:3170\/helpful\/[\w]+\?voter=[\w.-]+&v=no/)![0];
    const voter = new URL(link).searchParams.get("voter")!;
    expect(voter.startsWith(`${subscriberId}.`)).toBe(true);
    expect(votes()).toEqual([]); // the email's link is a GET: nothing recorded by sending or opening it
    const res = await post(`helpful=no&voter=${encodeURIComponent(voter)}`);
    expect(res.headers.get("location")).toBe(`/helpful/${id}?voter=${encodeURIComponent(voter)}&done=no`);
    expect(res.headers.get("set-cookie")).toBeNull();
    await post(`helpful=no&voter=${encodeURIComponent(voter)}`); // replayed: still one vote
    expect(votes()).toMatchObject([{ voterKey: `s:${subscriberId}`, helpful: false }]);
    const forged = await post(`helpful=yes&voter=${subscriberId}.${"A".repeat(32)}`);
    expect(forged.headers.get("location")).toContain("error=bad-link");
  });
});

// The links in what a subscriber receives lead to the page in their language: through the outbox, the real
// Resend SDK and the fake Resend server for email, and a Slack receiver on 127.0.0.1 for chat. Only paths with
// language versions gain a prefix, and only for a language other than the page's default.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { pages } from "@/db/schema";
import type { Actor } from "@/core/actor";
import type { Locale } from "@/core/i18n/locales";
import { registerChat } from "@/services/chat/register";
import { createIncident } from "@/services/incidents/incident-verbs";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { insertEmailSubscriber, type World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { startWebhookReceiver, type WebhookReceiver } from "@/services/testing/webhook-receiver";

let world: World;
let editor: Actor;
let t: number;
let resend: FakeResend;
let receiver: WebhookReceiver;
beforeAll(async () => {
  [resend, receiver] = await Promise.all([startFakeResend(), startWebhookReceiver()]);
});
beforeEach(() => {
  resend.reset();
  resend.setRateLimit(0);
  receiver.requests.length = 0;
  receiver.script([], 200);
  world = useFreshAppDatabase();
  editor = addMember(world.db, "editor");
  t = Date.now();
});
afterAll(async () => {
  closeDb();
  await Promise.all([resend.close(), receiver.close()]);
});

const BASE = "https://status.example.org";
const tick = () =>
  runNotificationJobs(world.db, (t += 1000), {
    mailer: createResendMailer("re_test", resend.url),
    chat: { allowLoopback: true, random: () => 0.5, timeoutMs: 2000 },
    publicUrl: BASE,
    retryPolicy: { baseMs: 10, maxMs: 10, maxAttempts: 3 },
  });
const subscribe = (email: string, language: Locale = "en") =>
  insertEmailSubscriber(world.db, { pageId: world.pageId, email, at: 1, state: "active", language });
const pageDefault = (locale: string) => world.db.update(pages).set({ defaultLocale: locale }).run();
const incident = () =>
  createIncident(
    world.db,
    editor,
    { name: "Webmail down", message: "We are on it.", componentStatuses: { [world.webmail]: "major_outage" } },
    (t += 1000),
  ).id;
const mailTo = (to: string) => {
  const mail = resend.emails().find((e) => e.to.includes(to));
  if (!mail) throw new Error(`no email to ${to}`);
  return mail;
};
/** Every absolute link of the page in an email's HTML and text. */
const links = (mail: { html?: string; text?: string }) => [
  ...new Set(
    [...`${mail.html ?? ""} ${mail.text ?? ""}`.matchAll(/https:\/\/status\.example\.org[^\s"'<>)]*/g)].map(
      (m) => m[0],
    ),
  ),
];

describe("email links", () => {
  it("a German subscriber's incident email leads to German pages; an English one's to the unprefixed ones", async () => {
    subscribe("de@example.com", "de");
    subscribe("en@example.com");
    const id = incident();
    await tick();
    await tick();
    const de = links(mailTo("de@example.com"));
    expect(de).toContain(`${BASE}/de/incidents/${id}`);
    expect(de).toContain(`${BASE}/de`);
    expect(de.some((l) => l.startsWith(`${BASE}/de/helpful/`))).toBe(true);
    expect(de).not.toContain(`${BASE}/incidents/${id}`);
    // Token pages have no language versions: never prefixed.
    expect(de.some((l) => l.startsWith(`${BASE}/manage/`))).toBe(true);
    expect(de.some((l) => l.startsWith(`${BASE}/unsubscribe/`))).toBe(true);
    expect(de.filter((l) => l.startsWith(`${BASE}/de/`)).every((l) => !/\/(manage|unsubscribe)\//.test(l))).toBe(true);
    const en = links(mailTo("en@example.com"));
    expect(en).toContain(`${BASE}/incidents/${id}`);
    expect(en.some((l) => l.startsWith(`${BASE}/helpful/`))).toBe(true);
    expect(en.some((l) => /^https:\/\/status\.example\.org\/[a-z]{2}(-[A-Z]{2})?(\/|$)/.test(l))).toBe(false);
  });

  it("on a page whose default is German, German links are unprefixed and English ones get /en", async () => {
    pageDefault("de");
    subscribe("de@example.com", "de");
    subscribe("en@example.com", "en");
    const id = incident();
    await tick();
    await tick();
    const de = links(mailTo("de@example.com"));
    expect(de).toContain(`${BASE}/incidents/${id}`);
    expect(de.some((l) => l.startsWith(`${BASE}/de/`))).toBe(false);
    expect(links(mailTo("en@example.com"))).toContain(`${BASE}/en/incidents/${id}`);
  });

  it("the confirmation email's link has no language versions and stays unprefixed", async () => {
    const { requestSubscription } = await import("@/services/subscriptions/subscribe");
    requestSubscription(world.db, { email: "neu@example.com", language: "de" }, "10.9.0.1", (t += 1000));
    await tick();
    const all = links(mailTo("neu@example.com"));
    expect(all.some((l) => l.startsWith(`${BASE}/subscribe/confirm/`))).toBe(true);
    expect(all.filter((l) => l.startsWith(`${BASE}/de/`)).every((l) => !l.includes("/subscribe/confirm/"))).toBe(true);
  });
});

describe("chat links", () => {
  const slack = async (language: string) => {
    const r = await registerChat(
      world.db,
      { platform: "slack", url: receiver.url(`/${language}`), language },
      { origin: "public", allowLoopback: true, publicUrl: BASE, now: (t += 1000) },
    );
    expect(r.status).toBe("created");
  };
  const bodyAt = (path: string) => receiver.requests.filter((q) => q.path === path).map((q) => q.body);

  it("a German Slack message links to /de/incidents/<id> and the German vote page; English is unprefixed", async () => {
    await slack("de");
    await slack("en");
    // The test message leads to the German home page.
    expect(bodyAt("/de")[0]).toContain(`"url":"${BASE}/de"`);
    receiver.requests.length = 0;
    const id = incident();
    await tick();
    await tick();
    const [de] = bodyAt("/de");
    expect(de).toContain(`"url":"${BASE}/de/incidents/${id}"`);
    expect(de).toMatch(new RegExp(`${BASE}/de/helpful/[^?]+\\?voter=`));
    expect(de).toMatch(new RegExp(`${BASE}/unsubscribe/`));
    const [en] = bodyAt("/en");
    expect(en).toContain(`"url":"${BASE}/incidents/${id}"`);
    expect(en).toMatch(new RegExp(`${BASE}/helpful/[^?]+\\?voter=`));
  });

  it("on a page whose default is German, a German channel's links are unprefixed", async () => {
    pageDefault("de");
    await slack("de");
    receiver.requests.length = 0;
    const id = incident();
    await tick();
    await tick();
    const [de] = bodyAt("/de");
    expect(de).toContain(`"url":"${BASE}/incidents/${id}"`);
    expect(de).not.toContain(`${BASE}/de/`);
  });
});

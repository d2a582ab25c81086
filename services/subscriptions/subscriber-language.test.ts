// The subscriber's language: stored from every public sign-up (valid, missing, tampered), and what they then
// receive in it: the email through the real Resend SDK and the fake Resend server, the SMS within two UCS-2
// segments, the chat message inside the platform's limits.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { getEmailSubscriberByAddress, getSubscriber } from "@/db/queries/subscribers";
import { subscribers } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { smsSegments } from "@/core/sms-segments";
import { createIncident } from "@/services/incidents/incident-verbs";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { startFakeTwilio, type FakeTwilio } from "@/services/testing/fake-twilio";
import { insertEmailSubscriber, type World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { startWebhookReceiver, type WebhookReceiver } from "@/services/testing/webhook-receiver";
import { registerChat } from "@/services/chat/register";
import { registerWebhook } from "@/services/webhooks/register";
import { DISCORD_LIMITS, GOOGLE_CHAT_LIMITS, SLACK_LIMITS, TEAMS_LIMITS } from "@/services/chat/platforms";
import { CHAT_PLATFORMS } from "@/db/constants";
import { MAX_SEGMENTS } from "@/services/sms/deliver";
import { requestSmsSubscription, verifySmsCode } from "@/services/sms/subscribe";
import { twilioSender } from "@/services/sms/twilio";
import { requestFollow } from "./follow";
import { requestSubscription } from "./subscribe";

let world: World;
let editor: Actor;
let t: number;
let resend: FakeResend;
let twilio: FakeTwilio;
let receiver: WebhookReceiver;
beforeAll(async () => {
  [resend, twilio, receiver] = await Promise.all([startFakeResend(), startFakeTwilio(), startWebhookReceiver()]);
});
beforeEach(() => {
  resend.reset();
  resend.setRateLimit(0);
  twilio.reset();
  receiver.requests.length = 0;
  receiver.script([], 200);
  world = useFreshAppDatabase();
  editor = addMember(world.db, "editor");
  t = Date.now();
});
afterAll(async () => {
  closeDb();
  await Promise.all([resend.close(), twilio.close(), receiver.close()]);
});

const BASE = "https://status.example.org";
const tick = () =>
  runNotificationJobs(world.db, (t += 1000), {
    mailer: createResendMailer("re_test", resend.url),
    sms: twilioSender({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: "+15005550006",
      baseUrl: twilio.url,
    }),
    chat: { allowLoopback: true, random: () => 0.5, timeoutMs: 2000 },
    publicUrl: BASE,
    retryPolicy: { baseMs: 10, maxMs: 10, maxAttempts: 3 },
  });
const languageOf = (email: string) => getEmailSubscriberByAddress(world.db, world.pageId, email)!.language;
const incident = (name: string, message = "Wir arbeiten daran.") =>
  createIncident(
    world.db,
    editor,
    { name, message, componentStatuses: { [world.webmail]: "major_outage" } },
    (t += 1000),
  ).id;

describe("the language a sign-up stores", () => {
  it.each([
    ["de", "de"],
    ["pt-BR", "pt-BR"],
    [undefined, "en"],
    ["xx", "en"],
    ["DE", "en"],
    ["de\u0000<script>", "en"],
  ])("subscribe form: language=%s is stored as %s, never refused", (posted, stored) => {
    const email = `s${Math.random().toString(36).slice(2)}@example.com`;
    expect(requestSubscription(world.db, { email, language: posted }, "10.9.0.1", (t += 1000))).toEqual({
      status: "check-inbox",
    });
    expect(languageOf(email)).toBe(stored);
  });

  it("a value that is not even a string (a tampered JSON body) is the default, not an error", () => {
    const raw = { email: "obj@example.com", language: { $ne: "en" } } as unknown as { email: string };
    expect(requestSubscription(world.db, raw, "10.9.0.1", t).status).toBe("check-inbox");
    expect(languageOf("obj@example.com")).toBe("en");
  });

  it("signing up again from a page in another language switches to it", () => {
    requestSubscription(world.db, { email: "again@example.com", language: "fr" }, "10.9.0.2", (t += 1000));
    expect(languageOf("again@example.com")).toBe("fr");
    // The earlier confirmation lapsed; the new sign-up is in German.
    world.db.update(subscribers).set({ confirmationExpiresAt: 0 }).run();
    requestSubscription(world.db, { email: "again@example.com", language: "de" }, "10.9.0.3", (t += 1000));
    expect(languageOf("again@example.com")).toBe("de");
  });

  it("follow form: valid, missing and tampered", () => {
    const id = incident("Webmail down");
    const follow = (email: string, language?: string) =>
      requestFollow(world.db, id, { email, language }, "10.9.1.1", (t += 1000));
    follow("f-ja@example.com", "ja");
    follow("f-none@example.com");
    follow("f-bad@example.com", "klingon");
    const row = (email: string) =>
      world.db.select().from(subscribers).where(eq(subscribers.email, email)).get()!.language;
    expect([row("f-ja@example.com"), row("f-none@example.com"), row("f-bad@example.com")]).toEqual(["ja", "en", "en"]);
  });

  it("SMS form: valid, missing and tampered", () => {
    const sms = (phone: string, language?: string) => {
      const r = requestSmsSubscription(world.db, { phone, language }, "10.9.2.1", (t += 1000));
      if (r.status !== "code-sent") throw new Error(r.status);
      return getSubscriber(world.db, r.subscriberId)!.language;
    };
    expect([sms("+491701230001", "ar"), sms("+491701230002"), sms("+491701230003", "ar-EG")]).toEqual([
      "ar",
      "en",
      "en",
    ]);
  });

  it("chat form: valid, missing and tampered; the test message is in the channel's language", async () => {
    const chat = (path: string, language?: string) =>
      registerChat(
        world.db,
        { platform: "slack", url: receiver.url(path), language },
        { origin: "public", allowLoopback: true, publicUrl: BASE, now: (t += 1000) },
      );
    const made = [await chat("/ja", "ja"), await chat("/none"), await chat("/bad", "jp")];
    const languages = made.map((r) => (r.status === "created" ? getSubscriber(world.db, r.id)!.language : r.status));
    expect(languages).toEqual(["ja", "en", "en"]);
    expect(receiver.requests[0].body).toContain("接続済み");
    expect(receiver.requests[1].body).toContain("Connected");
  });

  it("webhook form: the owner's language, for the disabled-webhook email; tampered is the default", async () => {
    const hook = async (path: string, language?: string) => {
      const r = await registerWebhook(
        world.db,
        { url: receiver.url(path), email: "owner@example.com", language },
        { origin: "public", allowLoopback: true, now: (t += 1000) },
      );
      if (r.status !== "created") throw new Error(r.status);
      return getSubscriber(world.db, r.id)!.language;
    };
    expect([await hook("/nl", "nl"), await hook("/bad", "nl-BE")]).toEqual(["nl", "en"]);
  });
});

describe("what a subscriber receives, in their language", () => {
  it("the outbox sends a German subscriber a German email and an English one English, in one fan-out", async () => {
    insertEmailSubscriber(world.db, {
      pageId: world.pageId,
      email: "de@example.com",
      at: 1,
      state: "active",
      language: "de",
    });
    insertEmailSubscriber(world.db, { pageId: world.pageId, email: "en@example.com", at: 1, state: "active" });
    incident("Webmail ausgefallen");
    await tick();
    await tick();
    const mail = (to: string) => resend.emails().find((e) => e.to.includes(to))!;
    const de = mail("de@example.com");
    expect(de.subject).toBe("[Wird untersucht] Webmail ausgefallen");
    expect(de.html).toContain('lang="de"');
    expect(de.text).toContain("Ein neuer Vorfall betrifft unsere Dienste.");
    expect(de.text).toContain("Betroffene Dienste");
    expect(de.text).toContain("Webmail: Schwerer Ausfall");
    expect(de.text).toContain("Abonnement verwalten");
    // The page's zone (Europe/Berlin in this world), named, in a German date.
    expect(de.text).toMatch(/Veröffentlicht \d{1,2}\. \S+ \d{4}, \d\d:\d\d MEZ \(Europe\/Berlin\)/);
    const en = mail("en@example.com");
    expect(en.subject).toBe("[Investigating] Webmail ausgefallen");
    expect(en.text).toContain("A new incident affects our services.");
  });

  it("an Arabic SMS fits two UCS-2 segments, link whole, even with a long update", async () => {
    const r = requestSmsSubscription(world.db, { phone: "+491701234567", language: "ar" }, "10.9.3.1", (t += 1000));
    if (r.status !== "code-sent") throw new Error(r.status);
    await tick();
    const codeSms = twilio.messages().at(-1)!.body;
    expect(codeSms).toContain("رمزك هو");
    const code = codeSms.match(/(\d{6})/)![1];
    expect(verifySmsCode(world.db, r.subscriberId, code, (t += 1000))).toBe("verified");
    const id = incident("Webmail down", "The mail servers are slow. ".repeat(30));
    await tick();
    const sms = twilio.messages().at(-1)!.body;
    expect(sms).toContain(`[${"قيد التحقيق"}] Webmail down`);
    // The short link leads to the incident page in the subscriber's language.
    expect(sms.endsWith(` ${BASE}/ar/i/${id}`)).toBe(true);
    const segments = smsSegments(sms);
    expect(segments.encoding).toBe("UCS-2");
    expect(segments.segments).toBeLessThanOrEqual(MAX_SEGMENTS);
  });

  it("a Japanese chat message keeps every platform's limits, with a long update shortened", async () => {
    for (const platform of CHAT_PLATFORMS) {
      const r = await registerChat(
        world.db,
        { platform, url: receiver.url(`/${platform}`), language: "ja" },
        { origin: "public", allowLoopback: true, publicUrl: BASE, now: (t += 1000) },
      );
      expect(r.status).toBe("created");
    }
    receiver.requests.length = 0;
    incident("Webmail down", "メールサーバーが遅くなっています。".repeat(500));
    await tick();
    await tick();
    const bodies = Object.fromEntries(receiver.requests.map((q) => [q.path.slice(1), JSON.parse(q.body)]));
    const slack = bodies.slack;
    expect(slack.text).toBe("[調査中] Webmail down");
    const blocks = slack.attachments[0].blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(JSON.stringify(slack)).toContain("全文を読む");
    expect(JSON.stringify(slack)).toContain("ステータスページで見る");
    const embed = bodies.discord.embeds[0];
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    const total = embed.title.length + embed.description.length + embed.footer.text.length;
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    expect(embed.fields[0]).toMatchObject({ name: "Webmail", value: "大規模停止" });
    const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
    expect(bytes(bodies.teams)).toBeLessThanOrEqual(TEAMS_LIMITS.bytes);
    expect(JSON.stringify(bodies.teams)).toContain("購読を解除");
    expect(bytes(bodies.google_chat)).toBeLessThanOrEqual(GOOGLE_CHAT_LIMITS.bytes);
    expect(JSON.stringify(bodies.google_chat)).toContain("影響を受けるサービス");
  });
});

// Chat channels end to end through real HTTP: a receiver on 127.0.0.1 stands in for each platform (the
// loopback test setting lets it through, as for webhooks). Verification on registration, an incident's
// created/updated/resolved messages in each platform's shape and limits, disabling on 410, retries.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { CHAT_PLATFORMS, type ChatPlatform } from "@/db/constants";
import { deliveries, emailMessages, notifications, subscribers } from "@/db/schema";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { scheduleMaintenance } from "@/services/incidents/maintenance-verbs";
import { runNotificationJobs, type JobOptions } from "@/services/notifications/jobs";
import { addComponent, addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { startWebhookReceiver, type WebhookReceiver } from "@/services/testing/webhook-receiver";
import { HOUR, MINUTE } from "@/core/time";
import { WEBHOOK_RETRY_DELAYS_MS } from "@/services/webhooks/retry-schedule";
import { ensureAppSecret } from "@/db/writes/page";
import { unsubscribe } from "@/db/writes/subscribers";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { subscriberForToken } from "@/services/subscriptions/access";
import { registerChat, requestChatSubscription } from "./register";
import { MORE_TEXT } from "./shorten";

let receiver: WebhookReceiver;
let db: Db;
let pageId: string;
let componentId: string;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  ({ db, pageId } = emptyPage("Europe/Berlin"));
  componentId = addComponent(db, pageId, "Webmail");
  receiver.requests.length = 0;
  receiver.script([], 200);
});
afterEach(() => db.$client.close());

const BASE = "https://status.example.org";
const jobs: JobOptions = {
  mailer: null,
  publicUrl: BASE,
  chat: { allowLoopback: true, random: () => 0.5, timeoutMs: 500 },
};
/** A tick at a fixed time, so retry schedules are exact. */
const run = (now: number) => runNotificationJobs(db, now, { ...jobs, clock: () => now });
const register = (platform: ChatPlatform, path = `/${platform}`, extra: { email?: string } = {}) =>
  registerChat(
    db,
    { platform, url: receiver.url(path), ...extra },
    { origin: "console", allowLoopback: true, publicUrl: BASE, now: T0 },
  );
const bodies = () => receiver.requests.map((r) => JSON.parse(r.body));

/** The text a platform's message shows, flattened (for "does it say X"). */
const textOf = (b: unknown) => JSON.stringify(b);

describe("verification on registration", () => {
  it.each(CHAT_PLATFORMS)("%s: one test message is posted; a 2xx makes the channel active", async (platform) => {
    const r = await register(platform);
    expect(r.status).toBe("created");
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0].headers["content-type"]).toMatch(/application\/json/);
    expect(textOf(bodies()[0])).toContain("status updates");
    expect(textOf(bodies()[0])).toContain(`${BASE}/unsubscribe/`);
    const row = db.select().from(subscribers).where(eq(subscribers.kind, "chat")).get()!;
    expect(row).toMatchObject({ state: "active", chatPlatform: platform, webhookUrl: receiver.url(`/${platform}`) });
  });

  it("a deleted webhook (404), an error and a timeout are refused with what happened; nothing is kept", async () => {
    receiver.script([404, 500, "hang"], 200);
    const gone = await register("slack");
    expect(gone).toEqual({
      status: "invalid",
      problems: { url: [{ code: "chatGone", values: { platform: "Slack", status: 404 } }] },
      errors: { url: [expect.stringMatching(/Slack says this webhook does not exist \(HTTP 404\)/)] },
    });
    const error = await register("discord");
    expect(error).toMatchObject({
      status: "invalid",
      problems: { url: [{ code: "chatRefused" }] },
      errors: { url: [expect.stringMatching(/Discord did not accept our test message \(HTTP 500/)] },
    });
    const hang = await registerChat(
      db,
      { platform: "teams", url: receiver.url("/teams") },
      { origin: "console", allowLoopback: true, timeoutMs: 300 },
    );
    expect(hang).toMatchObject({
      status: "invalid",
      problems: { url: [{ code: "chatUnreachable" }] },
      errors: { url: [expect.stringMatching(/could not reach Microsoft Teams.*Timed out/)] },
    });
    expect(db.select().from(subscribers).where(eq(subscribers.kind, "chat")).all()).toHaveLength(0);
  });

  it("a URL of the wrong platform or host is refused before anything is posted", async () => {
    const wrong = await registerChat(
      db,
      { platform: "teams", url: "https://hooks.slack.com/services/T1/B2/c3" },
      { origin: "console" },
    );
    expect(wrong).toMatchObject({
      status: "invalid",
      problems: { url: [{ code: "chatOtherPlatform", values: { other: "Slack", platform: "Microsoft Teams" } }] },
      errors: { url: [expect.stringMatching(/This is a Slack URL/)] },
    });
    const host = await registerChat(
      db,
      { platform: "slack", url: "https://example.com/services/T1/B2/c3" },
      { origin: "console" },
    );
    expect(host).toMatchObject({
      status: "invalid",
      problems: { url: [{ code: "chatNotPlatform" }] },
      errors: { url: [expect.stringMatching(/not a Slack webhook URL/)] },
    });
    // Without the test setting, a loopback receiver is not a Slack URL either.
    const loop = await registerChat(db, { platform: "slack", url: receiver.url("/slack") }, { origin: "console" });
    expect(loop.status).toBe("invalid");
    expect(receiver.requests).toHaveLength(0);
  });

  it("an already connected channel is refused; the public form is rate-limited per address", async () => {
    await register("slack");
    expect((await register("slack")).status).toBe("invalid");
    const asked = [];
    for (let i = 0; i < 4; i++)
      asked.push(
        (
          await requestChatSubscription(db, { platform: "discord", url: receiver.url(`/d${i}`) }, "203.0.113.9", {
            allowLoopback: true,
            now: T0,
          })
        ).status,
      );
    expect(asked).toEqual(["created", "created", "created", "too-many"]);
  });
});

describe("an incident's messages", () => {
  it.each(CHAT_PLATFORMS)("%s: created, updated and resolved, each in the platform's shape", async (platform) => {
    await register(platform, `/${platform}`);
    receiver.requests.length = 0;
    const editor = addMember(db, "editor");
    const { id } = createIncident(
      db,
      editor,
      { name: "Mail down", message: "Looking **into** it", componentStatuses: { [componentId]: "major_outage" } },
      T0,
    );
    addIncidentUpdate(db, editor, id, { status: "identified", message: "Found it" }, T0 + 10 * MINUTE);
    addIncidentUpdate(
      db,
      editor,
      id,
      { status: "resolved", message: "Fixed", componentStatuses: { [componentId]: "operational" } },
      T0 + HOUR,
    );
    await run(T0 + 2 * HOUR);
    const got = bodies();
    expect(got).toHaveLength(3);
    const texts = got.map(textOf);
    for (const t of texts) {
      expect(t).toContain("Mail down");
      expect(t).toContain(`${BASE}/incidents/${id}`);
      expect(t).toContain(`${BASE}/unsubscribe/`);
      expect(t).toContain("(Europe/Berlin)");
      expect(t).toContain("Webmail");
      // "Was this helpful?" with the channel's signed voter links (services/chat/helpful.ts).
      expect(t).toMatch(new RegExp(`${BASE}/helpful/\\w+\\?voter=[\\w.%-]+&v=yes`));
    }
    const [created, updated, resolved] = got;
    if (platform === "slack") {
      expect(created.attachments[0].color).toBe("#b91c1c");
      expect(textOf(created)).toContain("Looking *into* it");
      expect(created.attachments[0].blocks[0].type).toBe("header");
      expect(resolved.attachments[0].color).toBe("#15803d");
      expect(updated.text).toBe("[Identified] Mail down");
    }
    if (platform === "discord") {
      expect(created.embeds[0].color).toBe(0xb91c1c);
      expect(created.embeds[0].description).toContain("Looking **into** it");
      expect(created.embeds[0].fields[0]).toEqual({ name: "Webmail", value: "Major outage", inline: true });
      expect(resolved.embeds[0].fields[0].value).toBe("Operational");
    }
    if (platform === "teams") {
      expect(created.type).toBe("message");
      expect(created.attachments[0].content.type).toBe("AdaptiveCard");
      expect(created.attachments[0].content.body[0].style).toBe("attention");
      expect(resolved.attachments[0].content.body[0].style).toBe("good");
    }
    if (platform === "google_chat") {
      expect(created.cardsV2[0].card.header.title).toBe("Mail down");
      expect(textOf(created)).toContain("Looking <b>into</b> it");
      expect(textOf(resolved)).toContain("#15803d");
    }
  });

  it("a scheduled maintenance says its window in the page's zone, in the maintenance colour", async () => {
    await register("slack", "/slack");
    receiver.requests.length = 0;
    scheduleMaintenance(
      db,
      addMember(db, "editor"),
      {
        name: "Upgrade",
        message: "Planned",
        scheduledFor: T0 + 2 * HOUR,
        scheduledUntil: T0 + 3 * HOUR,
        componentIds: [componentId],
      },
      T0,
    );
    await run(T0 + MINUTE);
    const [body] = bodies();
    expect(body.text).toBe("[Scheduled maintenance] Upgrade");
    expect(body.attachments[0].color).toBe("#2563eb");
    expect(textOf(body)).toMatch(/Scheduled \d+ \w+ \d{4}, \d\d:\d\d [^ ]+ \(Europe\/Berlin\) to .*\(Europe\/Berlin\)/);
  });

  it("an oversized update is shortened with a link, not refused", async () => {
    await register("discord", "/discord");
    receiver.requests.length = 0;
    const editor = addMember(db, "editor");
    const long = Array.from({ length: 1400 }, (_, i) => `word${i}`)
      .join(" ")
      .slice(0, 9_900);
    createIncident(
      db,
      editor,
      { name: "Long", message: long, componentStatuses: { [componentId]: "major_outage" } },
      T0,
    );
    await run(T0 + MINUTE);
    const [body] = bodies();
    expect(body.embeds[0].description.length).toBeLessThanOrEqual(4096);
    expect(body.embeds[0].description).toContain(MORE_TEXT);
    expect(db.select().from(deliveries).where(eq(deliveries.channel, "chat")).get()!.state).toBe("sent");
  });
});

describe("failures", () => {
  it("a deleted webhook (410) disables the channel at once and tells its owner; nothing more is sent", async () => {
    await register("slack", "/slack", { email: "owner@example.com" });
    receiver.script([410], 200);
    const editor = addMember(db, "editor");
    const { id } = createIncident(
      db,
      editor,
      { name: "Mail down", message: "Looking", componentStatuses: { [componentId]: "major_outage" } },
      T0,
    );
    const tick = await run(T0 + MINUTE);
    expect(tick.failed).toBe(1);
    const row = db.select().from(subscribers).where(eq(subscribers.kind, "chat")).get()!;
    expect(row.webhookDisabledAt).toBe(T0 + MINUTE);
    const told = db.select().from(notifications).where(eq(notifications.kind, "webhook_disabled")).get()!;
    expect(told.subscriberId).toBe(row.id);
    // The owner's email names the channel without its secret part.
    expect(told.payload).toMatchObject({ url: expect.stringMatching(/^127\.0\.0\.1:\d+\/slack\/…$/) });
    expect(String(told.payload!.lastError)).toMatch(/HTTP 410/);
    expect(told.payload).toMatchObject({ channel: "chat", gone: true });
    await run(T0 + 2 * MINUTE);
    const mail = db.select().from(emailMessages).where(eq(emailMessages.toAddress, "owner@example.com")).get()!;
    // Its own wording, not the webhook subscriber's.
    expect(mail.subject).toMatch(/chat channel was disabled/);
    expect(mail.text).toContain("no longer exists");
    expect(mail.text).not.toContain("2xx status");
    expect(mail.text).toMatch(/127\.0\.0\.1:\d+\/slack\/…/);
    receiver.requests.length = 0;
    addIncidentUpdate(db, editor, id, { status: "resolved", message: "Fixed" }, T0 + HOUR);
    await run(T0 + HOUR + MINUTE);
    expect(receiver.requests).toHaveLength(0);
  });

  it("other errors follow the webhook retry schedule, then the same message goes through", async () => {
    await register("google_chat", "/gchat");
    receiver.script([500, 429], 200);
    const editor = addMember(db, "editor");
    createIncident(
      db,
      editor,
      { name: "Mail down", message: "Looking", componentStatuses: { [componentId]: "major_outage" } },
      T0,
    );
    await run(T0 + MINUTE);
    const first = db.select().from(deliveries).where(eq(deliveries.channel, "chat")).get()!;
    expect(first).toMatchObject({ state: "pending", attempts: 1, lastStatusCode: 500 });
    expect(first.nextAttemptAt).toBe(T0 + MINUTE + WEBHOOK_RETRY_DELAYS_MS[0]);
    await run(first.nextAttemptAt);
    const second = db.select().from(deliveries).where(eq(deliveries.channel, "chat")).get()!;
    expect(second).toMatchObject({ state: "pending", attempts: 2, lastStatusCode: 429 });
    await run(second.nextAttemptAt);
    expect(db.select().from(deliveries).where(eq(deliveries.channel, "chat")).get()!.state).toBe("sent");
    const sent = receiver.requests.slice(1).map((r) => r.body);
    expect(new Set(sent).size).toBe(1);
  });
});

describe("unsubscribing", () => {
  it("the link in a message belongs to the channel; once used, the channel gets nothing more", async () => {
    await register("teams", "/teams");
    const link = /\/unsubscribe\/([^"]+)"/.exec(receiver.requests[0].body)![1];
    const channel = subscriberForToken(db, "unsubscribe", link, T0);
    expect(channel).toMatchObject({ kind: "chat", chatPlatform: "teams" });
    // A chat channel has nothing to manage: only the unsubscribe link is valid.
    const manage = signSubscriberToken(ensureAppSecret(db, T0), "manage", channel!.id, channel!.tokenVersion);
    expect(subscriberForToken(db, "manage", manage, T0)).toBeNull();
    unsubscribe(db, channel!.id, T0);
    receiver.requests.length = 0;
    const editor = addMember(db, "editor");
    createIncident(
      db,
      editor,
      { name: "Mail down", message: "Looking", componentStatuses: { [componentId]: "major_outage" } },
      T0,
    );
    await run(T0 + MINUTE);
    expect(receiver.requests).toHaveLength(0);
  });
});

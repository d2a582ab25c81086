// A new webhook must answer a verification ping before it receives anything: registered pending, sent a
// signed `ping` through the outbox, active after a 2xx. A receiver that hangs or refuses stays pending (never
// disabled, no owner email), and the console can send the ping again. Real HTTP on 127.0.0.1.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { listWebhooks } from "@/db/queries/webhooks";
import { emailMessages, notifications, subscribers } from "@/db/schema";
import { setComponentStatus } from "@/db/writes/components";
import { resendWebhookVerification } from "@/services/console/webhooks";
import { runNotificationJobs, type JobOptions } from "@/services/notifications/jobs";
import { addComponent, emptyPage, T0 } from "@/services/testing/scenario";
import { startWebhookReceiver, type WebhookReceiver } from "@/services/testing/webhook-receiver";
import { MINUTE } from "@/core/time";
import { registerWebhook, requestWebhookSubscription, WEBHOOK_LIMITS } from "./register";
import { verifySignature } from "./signature";
import { WEBHOOK_VERIFICATION_DELAYS_MS } from "./retry-schedule";

let receiver: WebhookReceiver;
let db: Db;
let pageId: string;
let componentId: string;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  ({ db, pageId } = emptyPage());
  componentId = addComponent(db, pageId, "Webmail");
  receiver.requests.length = 0;
  receiver.script([], 200);
});
afterEach(() => db.$client.close());

const jobs: JobOptions = {
  mailer: null,
  publicUrl: "https://status.example.org",
  webhooks: { allowLoopback: true, random: () => 0.5, timeoutMs: 300 },
};
const admin = { type: "user" as const, userId: "a", label: "admin@example.org", role: "admin" as const };
const row = (id: string) => db.select().from(subscribers).where(eq(subscribers.id, id)).get()!;

describe("webhook verification", () => {
  it("keeps a new webhook pending and sends it nothing until it answers the signed ping", async () => {
    const r = await requestWebhookSubscription(
      db,
      { url: receiver.url("/new"), email: "ops@example.org" },
      "203.0.113.9",
      { allowLoopback: true, now: T0 },
    );
    if (r.status !== "created") throw new Error(JSON.stringify(r));
    expect(r.pending).toBe(true);
    expect(row(r.id)).toMatchObject({ state: "pending", confirmedAt: null });
    // An event before the ping is answered does not reach it.
    setComponentStatus(db, componentId, "major_outage", T0 + 1, { source: "manual" });
    receiver.script(["hang"], 200);
    await runNotificationJobs(db, T0 + 2, jobs);
    expect(receiver.requests).toHaveLength(1);
    const [ping] = receiver.requests;
    expect(ping.headers["x-statuspage-event"]).toBe("ping");
    expect(
      verifySignature(r.secret, ping.body, String(ping.headers["x-statuspage-signature"]), Math.floor((T0 + 2) / 1000)),
    ).toBe(true);
    const body = JSON.parse(ping.body);
    expect(Object.keys(body)).toEqual(["meta", "page", "ping"]);
    expect(body.meta.unsubscribe).toMatch(/^https:\/\/status\.example\.org\/unsubscribe\//);
    expect(body.ping.message).toContain("Answer with any 2xx");
    expect(row(r.id).state).toBe("pending");

    // The retry is answered: active from now on, and the next event reaches it.
    await runNotificationJobs(db, T0 + WEBHOOK_VERIFICATION_DELAYS_MS[0] + 1000, jobs);
    expect(receiver.requests.map((q) => q.headers["x-statuspage-event"])).toEqual(["ping", "ping"]);
    expect(row(r.id)).toMatchObject({ state: "active", confirmedAt: expect.any(Number) });
    setComponentStatus(db, componentId, "operational", T0 + 2 * MINUTE, { source: "manual" });
    await runNotificationJobs(db, T0 + 2 * MINUTE + 1, jobs);
    expect(receiver.requests.map((q) => q.headers["x-statuspage-event"])).toEqual(["ping", "ping", "component_update"]);
    expect(JSON.parse(receiver.requests[2].body).component_update.new_status).toBe("operational");
  });

  it("leaves a receiver that never answers pending (not disabled, no email), and the console can ping again", async () => {
    const r = await registerWebhook(
      db,
      { url: receiver.url("/silent"), email: "ops@example.org" },
      { origin: "console", allowLoopback: true, now: T0 },
    );
    if (r.status !== "created") throw new Error(JSON.stringify(r));
    receiver.script([], "hang");
    let now = T0;
    await runNotificationJobs(db, now, jobs);
    for (const delay of WEBHOOK_VERIFICATION_DELAYS_MS) {
      now += delay + 1000;
      await runNotificationJobs(db, now, jobs);
    }
    expect(receiver.requests).toHaveLength(WEBHOOK_VERIFICATION_DELAYS_MS.length + 1);
    await runNotificationJobs(db, now + 24 * 60 * MINUTE, jobs);
    expect(receiver.requests).toHaveLength(WEBHOOK_VERIFICATION_DELAYS_MS.length + 1);
    expect(row(r.id)).toMatchObject({ state: "pending", webhookDisabledAt: null });
    expect(db.select().from(emailMessages).all()).toHaveLength(0);
    const [listed] = listWebhooks(db, pageId);
    expect(listed).toMatchObject({
      state: "pending",
      verification: { state: "failed", lastError: "Timed out after 0.3 s" },
    });

    // Only admins may ask again, and only for a webhook still pending.
    expect(resendWebhookVerification(db, { ...admin, role: "editor" }, r.id, now)).toMatchObject({ ok: false });
    receiver.script([], 204);
    expect(resendWebhookVerification(db, admin, r.id, now)).toEqual({ ok: true, url: receiver.url("/silent") });
    await runNotificationJobs(db, now + 1000, jobs);
    expect(row(r.id).state).toBe("active");
    expect(resendWebhookVerification(db, admin, r.id, now + 2000)).toMatchObject({
      ok: false,
      message: expect.stringContaining("already verified"),
    });
    expect(db.select().from(notifications).where(eq(notifications.kind, "webhook_verification")).all()).toHaveLength(2);
  });

  it("forgets an anonymous registration that is still unverified after a day (the console's stay)", async () => {
    const pub = await requestWebhookSubscription(db, { url: receiver.url("/stale-public") }, "203.0.113.10", {
      allowLoopback: true,
      now: T0,
    });
    const con = await registerWebhook(
      db,
      { url: receiver.url("/stale-console") },
      { origin: "console", allowLoopback: true, now: T0 },
    );
    if (pub.status !== "created" || con.status !== "created") throw new Error("not created");
    receiver.script([], 500);
    await runNotificationJobs(db, T0 + 23 * 60 * MINUTE, jobs);
    expect(
      db
        .select()
        .from(subscribers)
        .all()
        .map((s) => s.id)
        .sort(),
    ).toEqual([pub.id, con.id].sort());
    await runNotificationJobs(db, T0 + 24 * 60 * MINUTE + 1000, jobs);
    expect(
      db
        .select()
        .from(subscribers)
        .all()
        .map((s) => s.id),
    ).toEqual([con.id]);
  });

  it("allows fewer anonymous registrations: 3 per address and 20 in all per hour", () => {
    expect(WEBHOOK_LIMITS).toEqual({ perIpPerHour: 3, publicPerHour: 20 });
  });
});

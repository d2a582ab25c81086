// End to end through real HTTP: the worker's tick POSTs to a receiver on 127.0.0.1 that fails, hangs,
// then accepts; the clock is injected so a day of retries takes a second.
import { eq, ne } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { deliveries, notifications, subscribers } from "@/db/schema";
import { setComponentStatus } from "@/db/writes/components";
import { componentUpdatePayloadSchema } from "@/services/api/schemas";
import { runNotificationJobs, type JobOptions } from "@/services/notifications/jobs";
import { addComponent, emptyPage, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import { startWebhookReceiver, type WebhookReceiver } from "@/services/testing/webhook-receiver";
import { registerWebhook } from "./register";
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from "./retry-schedule";
import { verifySignature } from "./signature";

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
});
afterEach(() => db.$client.close());

const jobs = (extra: JobOptions["webhooks"] = {}): JobOptions => ({
  mailer: null,
  publicUrl: "https://status.example.org",
  webhooks: { allowLoopback: true, random: () => 0.5, timeoutMs: 300, ...extra },
});

/** The one delivery of an event (not the verification ping's). */
const eventDelivery = () =>
  db
    .select({ d: deliveries })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(ne(notifications.kind, "webhook_verification"))
    .get()?.d;

/** Registers a webhook and lets it answer its verification ping (verification.test.ts tests that part). */
async function register(url: string, extra: Parameters<typeof registerWebhook>[2] = { origin: "console" }) {
  const r = await registerWebhook(db, { url }, { allowLoopback: true, ...extra });
  if (r.status !== "created") throw new Error(JSON.stringify(r));
  receiver.script([], 200);
  await runNotificationJobs(db, T0 - HOUR, jobs({ resolver: extra.resolver }));
  expect(db.select().from(subscribers).where(eq(subscribers.id, r.id)).get()!.state).toBe("active");
  receiver.requests.length = 0;
  return r;
}

describe("webhook delivery to a real receiver", () => {
  it("retries after two 500s and a timeout, then delivers the same signed body with the same delivery id", async () => {
    const { secret, id } = await register(receiver.url("/status"));
    receiver.script([500, 500, "hang"], 200);
    setComponentStatus(db, componentId, "major_outage", T0, { source: "manual" });
    let now = T0;
    await runNotificationJobs(db, now, jobs());
    for (const delay of WEBHOOK_RETRY_DELAYS_MS.slice(0, 3)) {
      now += delay + 1000;
      await runNotificationJobs(db, now, jobs());
    }
    const requests = await receiver.waitFor(4);
    expect(requests).toHaveLength(4);
    const [first] = requests;
    for (const r of requests) {
      expect(r).toMatchObject({ method: "POST", path: "/status", body: first.body });
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["user-agent"]).toMatch(
        /^StatusPage-Webhooks\/1\.0 \(\+https:\/\/status\.example\.org\/api#webhooks\)$/,
      );
      expect(r.headers["x-statuspage-delivery"]).toBe(first.headers["x-statuspage-delivery"]);
      expect(r.headers["x-statuspage-event"]).toBe("component_update");
      const signature = String(r.headers["x-statuspage-signature"]);
      const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(signature)![1]);
      expect(verifySignature(secret, r.body, signature, t)).toBe(true);
      expect(verifySignature(`${secret}-other`, r.body, signature, t)).toBe(false);
    }
    expect(componentUpdatePayloadSchema.parse(JSON.parse(first.body)).component.id).toBe(componentId);
    const delivery = eventDelivery();
    expect(delivery).toMatchObject({ state: "sent", attempts: 3, lastStatusCode: 200 });
    expect(db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.webhookFailingSince).toBeNull();
  });

  it("disables the webhook after the retry budget (about a day of 500s) and sends it nothing more", async () => {
    const { id } = await register(receiver.url("/down"));
    receiver.script([], 500);
    setComponentStatus(db, componentId, "major_outage", T0, { source: "manual" });
    let now = T0;
    await runNotificationJobs(db, now, jobs());
    for (const delay of WEBHOOK_RETRY_DELAYS_MS) {
      now += delay + 1000;
      await runNotificationJobs(db, now, jobs());
    }
    expect(receiver.requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(now - T0).toBeGreaterThan(20 * HOUR);
    expect(db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.webhookDisabledAt).not.toBeNull();
    expect(eventDelivery()).toMatchObject({ state: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, lastStatusCode: 500 });
    setComponentStatus(db, componentId, "operational", now + 1000, { source: "manual" });
    await runNotificationJobs(db, now + 2000, jobs());
    expect(receiver.requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
  });

  it("records a timeout and a refused status in the delivery for the console", async () => {
    await register(receiver.url("/slow"));
    receiver.script(["hang"], 404);
    setComponentStatus(db, componentId, "partial_outage", T0, { source: "manual" });
    await runNotificationJobs(db, T0, jobs());
    expect(eventDelivery()).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: "Timed out after 0.3 s",
      lastStatusCode: null,
    });
    await runNotificationJobs(db, T0 + WEBHOOK_RETRY_DELAYS_MS[0] + 1000, jobs());
    expect(eventDelivery()).toMatchObject({
      state: "pending",
      attempts: 2,
      lastStatusCode: 404,
      lastError: "HTTP 404: receiver says no",
    });
  });

  it("connects to the address it checked: a host name resolved by the guard, pinned for the request", async () => {
    const port = new URL(receiver.url()).port;
    const resolver = async () => [{ address: "127.0.0.1", family: 4 as const }];
    await register(`http://hooks.receiver.test:${port}/named`, { origin: "console", resolver });
    setComponentStatus(db, componentId, "degraded_performance", T0, { source: "manual" });
    await runNotificationJobs(db, T0, jobs({ resolver }));
    const [r] = await receiver.waitFor(1);
    expect(r.headers.host).toBe(`hooks.receiver.test:${port}`);
  });

  it("checks again at delivery time: once the address is refused, nothing is sent", async () => {
    await register(receiver.url("/later-private"));
    setComponentStatus(db, componentId, "major_outage", T0, { source: "manual" });
    await runNotificationJobs(db, T0, jobs({ allowLoopback: false }));
    expect(receiver.requests).toHaveLength(0);
    expect(eventDelivery()).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: expect.stringContaining("private, local or reserved"),
    });
  });
});

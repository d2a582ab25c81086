// The webhook path of the notification pipeline, with a recording HTTP client and an injected clock:
// what is enqueued on a status change, who it fans out to, the payload shapes, retries, disabling.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, deliveries, emailMessages, notifications, subscribers } from "@/db/schema";
import { setComponentStatus } from "@/db/writes/components";
import { enqueueNotification } from "@/db/writes/outbox";
import { insertEmailSubscriber, unsubscribe } from "@/db/writes/subscribers";
import { disableWebhook, insertWebhookSubscriber } from "@/db/writes/webhooks";
import { componentUpdatePayloadSchema, incidentPayloadSchema } from "@/services/api/schemas";
import { addWebhook, enableWebhook, removeWebhook } from "@/services/console/webhooks";
import { createIncident, addIncidentUpdate } from "@/services/incidents/incident-verbs";
import { scheduleMaintenance } from "@/services/incidents/maintenance-verbs";
import { runNotificationJobs, type JobOptions } from "@/services/notifications/jobs";
import { addComponent, addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import type { PostRequest, PostResult } from "./send";
import { componentChangeEvent } from "./payloads";
import { verifySignature } from "./signature";
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from "./retry-schedule";

const BASE = "https://status.example.org";

function recorder(answer: (n: number) => PostResult = () => ({ ok: true, statusCode: 204, error: null })) {
  const requests: PostRequest[] = [];
  const post = async (r: PostRequest) => {
    requests.push(r);
    return answer(requests.length);
  };
  return { requests, post };
}

function options(post: (r: PostRequest) => Promise<PostResult>): JobOptions {
  return {
    mailer: null,
    publicUrl: BASE,
    from: "Status <status@example.org>",
    webhooks: { allowLoopback: true, post, random: () => 0.5 },
  };
}

function hook(db: Db, pageId: string, url: string, componentIds: string[] = [], email: string | null = null) {
  const secret = `whsec_${url}`;
  return {
    id: insertWebhookSubscriber(db, { pageId, url, secret, email, componentIds, origin: "console", at: T0 }),
    secret,
  };
}

const bodies = (requests: PostRequest[]) => requests.map((r) => JSON.parse(r.body));
const urls = (requests: PostRequest[]) => requests.map((r) => r.url.href).sort();

describe("component_updated", () => {
  it("is enqueued with the status change only when a live webhook exists, and never mails email subscribers", async () => {
    const { db, pageId } = emptyPage();
    const c = addComponent(db, pageId, "Webmail");
    insertEmailSubscriber(db, { pageId, email: "all@example.com", at: T0, state: "active" });
    setComponentStatus(db, c, "degraded_performance", T0, { source: "manual" });
    expect(db.select().from(notifications).all()).toHaveLength(0);
    hook(db, pageId, "http://127.0.0.1:9/a");
    // Automation (a monitor's or an alert's claim) tells subscribers nothing without an incident.
    setComponentStatus(db, c, "partial_outage", T0 + 0.5, { source: "automation" });
    expect(db.select().from(notifications).all()).toHaveLength(0);
    setComponentStatus(db, c, "major_outage", T0 + 1, { source: "api" });
    // A backfilled change that leaves the current status alone is history, not news.
    setComponentStatus(db, c, "partial_outage", T0 - HOUR, { source: "incident" });
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.kind),
    ).toEqual(["component_updated"]);
    const { requests, post } = recorder();
    await runNotificationJobs(db, T0 + 2, options(post));
    expect(db.select().from(emailMessages).all()).toHaveLength(0);
    expect(requests).toHaveLength(1);
    const body = componentUpdatePayloadSchema.parse(JSON.parse(requests[0].body));
    expect(body.component_update).toMatchObject({
      old_status: "partial_outage",
      new_status: "major_outage",
      component_id: c,
      component_type: "Component",
    });
    expect(body.component).toMatchObject({ id: c, status: "major_outage", name: "Webmail", page_id: pageId });
    expect(body.page).toEqual({ id: pageId, status_indicator: "critical", status_description: "Major System Outage" });
    expect(body.meta.unsubscribe).toMatch(new RegExp(`^${BASE}/unsubscribe/`));
    expect(body.meta.documentation).toBe(`${BASE}/api#webhooks`);
    // Keys in the spec's order.
    expect(Object.keys(JSON.parse(requests[0].body))).toEqual(["meta", "page", "component_update", "component"]);
  });

  it("sends the component as it was at the change, and still sends rows queued with a built event", async () => {
    const { db, pageId } = emptyPage();
    const c = addComponent(db, pageId, "Webmail");
    hook(db, pageId, "http://127.0.0.1:9/a");
    setComponentStatus(db, c, "major_outage", T0, { source: "manual" });
    // db/ records the plain change; the payload is built at fan-out from what was recorded, not from today's row.
    expect(db.select().from(notifications).get()?.payload).toMatchObject({
      change: { oldStatus: "operational", newStatus: "major_outage", component: { id: c, name: "Webmail" } },
    });
    db.update(components).set({ name: "Webmail (renamed)" }).where(eq(components.id, c)).run();
    const legacy = componentChangeEvent(db.select().from(components).where(eq(components.id, c)).get()!, {
      id: "legacyupdate",
      oldStatus: "major_outage",
      newStatus: "operational",
      at: T0 + 1,
    });
    enqueueNotification(db, { pageId, kind: "component_updated", at: T0 + 1, payload: { event: legacy } });
    const { requests, post } = recorder();
    await runNotificationJobs(db, T0 + 2, options(post));
    const sent = bodies(requests).map((b) => componentUpdatePayloadSchema.parse(b));
    expect(sent.map((b) => [b.component.name, b.component_update.new_status]).sort()).toEqual([
      ["Webmail (renamed)", "operational"],
      ["Webmail", "major_outage"],
    ]);
  });

  it("goes only to webhooks whose scope includes the component, and not to disabled or unsubscribed ones", async () => {
    const { db, pageId } = emptyPage();
    const mail = addComponent(db, pageId, "Mail");
    const vpn = addComponent(db, pageId, "VPN");
    hook(db, pageId, "http://127.0.0.1:9/all");
    hook(db, pageId, "http://127.0.0.1:9/mail", [mail]);
    hook(db, pageId, "http://127.0.0.1:9/vpn", [vpn]);
    hook(db, pageId, "http://127.0.0.1:9/both", [vpn, mail]);
    disableWebhook(db, hook(db, pageId, "http://127.0.0.1:9/disabled").id, T0);
    unsubscribe(db, hook(db, pageId, "http://127.0.0.1:9/gone").id, T0);
    setComponentStatus(db, mail, "partial_outage", T0, { source: "manual" });
    const { requests, post } = recorder();
    await runNotificationJobs(db, T0 + 1, options(post));
    expect(urls(requests)).toEqual(["http://127.0.0.1:9/all", "http://127.0.0.1:9/both", "http://127.0.0.1:9/mail"]);
  });

  it("is sent for changes made by incidents, maintenance and the console alike, each signed with the subscriber's secret", async () => {
    const { db, pageId } = emptyPage();
    const c = addComponent(db, pageId, "Webmail");
    const { secret } = hook(db, pageId, "http://127.0.0.1:9/a");
    const editor = addMember(db, "editor");
    const { id } = createIncident(
      db,
      editor,
      { name: "Mail down", message: "Looking", componentStatuses: { [c]: "major_outage" } },
      T0,
    );
    addIncidentUpdate(db, editor, id, { status: "resolved", message: "Fixed" }, T0 + HOUR);
    const { requests, post } = recorder();
    await runNotificationJobs(db, T0 + 2 * HOUR, options(post));
    const all = bodies(requests);
    expect(
      all
        .filter((b) => b.component_update)
        .map((b) => b.component_update.new_status)
        .sort(),
    ).toEqual(["major_outage", "operational"]);
    const incidents = all.filter((b) => b.incident).map((b) => incidentPayloadSchema.parse(b).incident);
    expect(incidents).toHaveLength(2);
    expect(incidents.every((i) => i.id === id && i.components[0].id === c)).toBe(true);
    for (const r of requests) {
      const t = Number(/t=(\d+)/.exec(r.headers["X-Statuspage-Signature"])![1]);
      expect(verifySignature(secret, r.body, r.headers["X-Statuspage-Signature"], t)).toBe(true);
      expect(r.headers["Content-Type"]).toBe("application/json");
      expect(r.headers["User-Agent"]).toMatch(/^StatusPage-Webhooks\/1\.0/);
      expect(r.headers["X-Statuspage-Delivery"]).toMatch(/^[0-9a-z]{12}$/);
    }
    expect(new Set(requests.map((r) => r.headers["X-Statuspage-Delivery"])).size).toBe(requests.length);
  });

  it("sends a maintenance under `incident` with the maintenance shape", async () => {
    const { db, pageId } = emptyPage();
    const c = addComponent(db, pageId, "Webmail");
    hook(db, pageId, "http://127.0.0.1:9/a", [c]);
    const { requests, post } = recorder();
    scheduleMaintenance(
      db,
      addMember(db, "editor"),
      {
        name: "Upgrade",
        message: "Planned",
        scheduledFor: T0 + 2 * HOUR,
        scheduledUntil: T0 + 3 * HOUR,
        componentIds: [c],
      },
      T0,
    );
    await runNotificationJobs(db, T0 + 1, options(post));
    const [body] = bodies(requests);
    expect(incidentPayloadSchema.parse(body).incident).toMatchObject({
      status: "scheduled",
      impact: "maintenance",
      scheduled_for: new Date(T0 + 2 * HOUR).toISOString(),
    });
  });
});

describe("retries and disabling", () => {
  it("retries on the schedule (injected clock), then gives up, disables the webhook and emails its owner once", async () => {
    const { db, pageId } = emptyPage();
    const c = addComponent(db, pageId, "Webmail");
    const { id } = hook(db, pageId, "http://127.0.0.1:9/broken", [], "owner@example.org");
    setComponentStatus(db, c, "major_outage", T0, { source: "manual" });
    const { requests, post } = recorder(() => ({ ok: false, statusCode: 500, error: "HTTP 500: boom" }));
    // The tick's clock stands still at `at` (injected), so the schedule is checked to the millisecond.
    const tick = (at: number) => runNotificationJobs(db, at, { ...options(post), clock: () => at });
    let now = T0;
    await tick(now);
    expect(requests).toHaveLength(1);
    expect(db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.webhookFailingSince).toBe(T0);
    for (const [i, delay] of WEBHOOK_RETRY_DELAYS_MS.entries()) {
      await tick(now + delay - 1);
      expect(requests).toHaveLength(i + 1);
      now += delay;
      await tick(now);
      expect(requests).toHaveLength(i + 2);
    }
    expect(requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    const delivery = db.select().from(deliveries).where(eq(deliveries.channel, "webhook")).get()!;
    expect(delivery).toMatchObject({
      state: "failed",
      attempts: WEBHOOK_MAX_ATTEMPTS,
      lastStatusCode: 500,
      lastError: "HTTP 500: boom",
    });
    const row = db.select().from(subscribers).where(eq(subscribers.id, id)).get()!;
    expect(row.webhookDisabledAt).toBe(now);
    // The owner's email is rendered into the local outbox (no mailer configured here).
    await runNotificationJobs(db, now + 1000, options(post));
    const mails = db.select().from(emailMessages).all();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      toAddress: "owner@example.org",
      subject: expect.stringContaining("webhook was disabled"),
    });
    expect(mails[0].text).toContain("http://127.0.0.1:9/broken");
    expect(mails[0].text).toContain("HTTP 500: boom");
    // Disabled: a new change reaches it no more.
    setComponentStatus(db, c, "operational", now + 2000, { source: "manual" });
    await runNotificationJobs(db, now + 3000, options(post));
    expect(requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
  });

  it("a success after failures clears failing-since and records the status code", async () => {
    const { db, pageId } = emptyPage();
    const c = addComponent(db, pageId, "Webmail");
    const { id } = hook(db, pageId, "http://127.0.0.1:9/flaky");
    setComponentStatus(db, c, "major_outage", T0, { source: "manual" });
    const { requests, post } = recorder((n) =>
      n < 3
        ? { ok: false, statusCode: null, error: "Timed out after 10 s" }
        : { ok: true, statusCode: 200, error: null },
    );
    await runNotificationJobs(db, T0, options(post));
    const failingSince = db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.webhookFailingSince!;
    await runNotificationJobs(db, T0 + WEBHOOK_RETRY_DELAYS_MS[0] + 1000, options(post));
    // The streak started with the first failure.
    expect(db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.webhookFailingSince).toBe(failingSince);
    await runNotificationJobs(db, T0 + WEBHOOK_RETRY_DELAYS_MS[0] + WEBHOOK_RETRY_DELAYS_MS[1] + 2000, options(post));
    expect(requests).toHaveLength(3);
    expect(db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.webhookFailingSince).toBeNull();
    expect(db.select().from(deliveries).get()).toMatchObject({ state: "sent", attempts: 2, lastStatusCode: 200 });
  });
});

describe("the console's webhook service (data layer)", () => {
  it("refuses editors in every function, whatever the caller checked", async () => {
    const { db, pageId } = emptyPage();
    const editor = { type: "user" as const, userId: "e", label: "e@example.org", role: "editor" as const };
    const { id } = hook(db, pageId, "http://127.0.0.1:9/a");
    expect(
      await addWebhook(db, editor, { url: "http://127.0.0.1:9/b" }, { allowLoopback: true, now: T0 }),
    ).toMatchObject({ ok: false });
    expect(removeWebhook(db, editor, id, T0)).toMatchObject({ ok: false });
    expect(enableWebhook(db, editor, id, T0)).toMatchObject({ ok: false });
    expect(db.select().from(subscribers).all()).toHaveLength(1);
  });
});

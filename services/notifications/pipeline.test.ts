import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { deliveries, emailMessages, incidents, notifications } from "@/db/schema";
import { insertIncident } from "@/db/writes/incidents";
import { enqueueNotification } from "@/db/writes/outbox";
import { setPaused, unsubscribe } from "@/db/writes/subscribers";
import { createResendMailer } from "@/services/mail/send";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import {
  addConfirmedSubscribers,
  insertEmailSubscriber,
  makeWorld,
  openIncident,
  type World,
} from "@/services/testing/notification-fixtures";
import { runNotificationJobs } from "./jobs";

const FAST = { baseMs: 20, maxMs: 200, maxAttempts: 12 };
const OPTS = { publicUrl: "https://status.example.org", from: "Status <status@example.org>", retryPolicy: FAST };

let fake: FakeResend;
let world: World;
const open: Db[] = [];
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(0);
  world = makeWorld();
  open.push(world.db);
});
afterEach(() => {
  for (const db of open.splice(0)) db.$client.close();
});

const mailer = () => createResendMailer("re_test", fake.url);
async function drain(db: Db, options: Parameters<typeof runNotificationJobs>[2] = {}) {
  for (let i = 0; i < 200; i++) {
    const r = await runNotificationJobs(db, Date.now(), { mailer: mailer(), ...OPTS, ...options });
    const due = r.nextDueAt;
    if (due === null) return;
    await new Promise((res) => setTimeout(res, Math.max(0, Math.min(100, due - Date.now()))));
  }
  throw new Error("did not drain");
}
const recipients = () =>
  fake
    .emails()
    .flatMap((e) => e.to)
    .sort();

describe("enqueueNotification", () => {
  it("commits with the change, or not at all", () => {
    expect(() =>
      world.db.transaction((tx) => {
        enqueueNotification(tx, { pageId: world.pageId, kind: "incident_created", at: 1 });
        throw new Error("the change failed");
      }),
    ).toThrow();
    expect(world.db.select().from(notifications).all()).toHaveLength(0);
  });
});

describe("fan-out", () => {
  it("picks confirmed subscribers of everything or of an affected component, once", async () => {
    const { db, pageId } = world;
    insertEmailSubscriber(db, { pageId, email: "All@Example.com", at: 1, state: "active" });
    insertEmailSubscriber(db, {
      pageId,
      email: "webmail@example.com",
      at: 1,
      state: "active",
      componentIds: [world.webmail],
    });
    insertEmailSubscriber(db, { pageId, email: "vpn@example.com", at: 1, state: "active", componentIds: [world.vpn] });
    insertEmailSubscriber(db, { pageId, email: "pending@example.com", at: 1 });
    const paused = insertEmailSubscriber(db, { pageId, email: "paused@example.com", at: 1, state: "active" });
    setPaused(db, paused, true, 2);
    const gone = insertEmailSubscriber(db, { pageId, email: "gone@example.com", at: 1, state: "active" });
    unsubscribe(db, gone, 2);
    openIncident(world);
    await drain(db);
    await drain(db);
    expect(recipients()).toEqual(["all@example.com", "webmail@example.com"]);
    expect(
      db
        .select()
        .from(deliveries)
        .all()
        .map((d) => d.idempotencyKey),
    ).toEqual([expect.stringMatching(/^notification\/[0-9a-z]{12}\/chunk\/0$/)]);
  });

  it("writes deterministic chunks of 100 with one key each", async () => {
    addConfirmedSubscribers(world, 250);
    const { notificationId } = openIncident(world);
    await runNotificationJobs(world.db, Date.now(), { mailer: mailer(), ...OPTS, maxDeliveries: 0 });
    const rows = world.db.select().from(deliveries).orderBy(deliveries.chunk).all();
    expect(rows.map((r) => [r.chunk, r.recipients.length, r.idempotencyKey])).toEqual([
      [0, 100, `notification/${notificationId}/chunk/0`],
      [1, 100, `notification/${notificationId}/chunk/1`],
      [2, 50, `notification/${notificationId}/chunk/2`],
    ]);
    const all = rows.flatMap((r) => r.recipients);
    expect(all).toEqual([...all].sort());
  });
});

describe("the emails", () => {
  it("have a subject, HTML and text parts, safe Markdown, the zone, links and unsubscribe headers", async () => {
    insertEmailSubscriber(world.db, { pageId: world.pageId, email: "reader@example.com", at: 1, state: "active" });
    const { incidentId } = openIncident(world);
    await drain(world.db);
    const [email] = fake.emails();
    expect(email.subject).toBe("[Investigating] Webmail slow to load");
    expect(email.html).toContain("<strong>a minute</strong>");
    expect(email.html).not.toContain("<script>");
    expect(email.text).toContain("Webmail: Degraded performance");
    expect(email.text).toContain("23 Nov 2026, 16:06 CET (Europe/Berlin)");
    expect(email.text).toContain(`https://status.example.org/incidents/${incidentId}`);
    expect(email.html).toMatch(/https:\/\/status\.example\.org\/manage\/[0-9a-z]{12}\.[\w-]{32}/);
    expect(email.headers["List-Unsubscribe"]).toMatch(
      /^<https:\/\/status\.example\.org\/unsubscribe\/[0-9a-z]{12}\.[\w-]{32}>$/,
    );
    expect(email.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(email.headers.References).toBe(`<incident-${incidentId}@status.example.org>`);
    const message = world.db.select().from(emailMessages).get()!;
    expect(message).toMatchObject({ state: "sent", providerId: email.id, toAddress: "reader@example.com" });
  });

  it("for a maintenance reminder, name the window in the page's zone", async () => {
    insertEmailSubscriber(world.db, { pageId: world.pageId, email: "reader@example.com", at: 1, state: "active" });
    const from = Date.UTC(2026, 11, 1, 1, 0);
    const incidentId = world.db.transaction((tx) => {
      const incidentId = insertIncident(tx, {
        pageId: world.pageId,
        kind: "maintenance",
        name: "VPN upgrade",
        status: "scheduled",
        startedAt: from,
        at: 1,
        componentIds: [world.vpn],
        maintenance: {
          scheduledFor: from,
          scheduledUntil: from + 2 * 3_600_000,
          autoStart: true,
          autoComplete: true,
          remindBeforeMinutes: 60,
          setComponentsUnderMaintenance: true,
        },
      });
      enqueueNotification(tx, { pageId: world.pageId, kind: "maintenance_reminder", incidentId, at: 2 });
      return incidentId;
    });
    await drain(world.db);
    const [email] = fake.emails();
    expect(email.subject).toBe("[Maintenance reminder] VPN upgrade");
    expect(email.text).toContain(
      "Scheduled 1 Dec 2026, 02:00 CET (Europe/Berlin) to 1 Dec 2026, 04:00 CET (Europe/Berlin)",
    );
    expect(email.text).toContain("VPN: Operational");
    expect(email.text).toMatch(new RegExp(`Add to your calendar.*https?://[^ ]+/maintenances/${incidentId}\\.ics`));
  });

  it("stay in the local outbox when there is no Resend key", async () => {
    addConfirmedSubscribers(world, 3);
    openIncident(world);
    await runNotificationJobs(world.db, Date.now(), { ...OPTS, mailer: null });
    expect(fake.emails()).toHaveLength(0);
    expect(
      world.db
        .select()
        .from(emailMessages)
        .all()
        .map((m) => m.state),
    ).toEqual(["kept_locally", "kept_locally", "kept_locally"]);
    expect(world.db.select().from(deliveries).get()!.state).toBe("sent");
  });

  it("are not sent to someone who unsubscribed after the fan-out", async () => {
    const [a, b] = addConfirmedSubscribers(world, 2);
    openIncident(world);
    await runNotificationJobs(world.db, Date.now(), { mailer: mailer(), ...OPTS, maxDeliveries: 0 });
    unsubscribe(world.db, b, Date.now());
    await drain(world.db);
    expect(fake.emails().map((e) => e.to[0])).toEqual([
      world.db.query.subscribers.findFirst({ where: (s) => eq(s.id, a) }).sync()!.email,
    ]);
  });
});

describe("delivery", () => {
  it("two workers never send the same chunk twice", async () => {
    addConfirmedSubscribers(world, 1000);
    openIncident(world);
    fake.setLatency(20);
    const second = makeWorld(world.file);
    open.push(second.db);
    await Promise.all([drain(world.db, { workerId: "a" }), drain(second.db, { workerId: "b" })]);
    fake.setLatency(0);
    expect(fake.emails()).toHaveLength(1000);
    expect(new Set(recipients()).size).toBe(1000);
  });

  it("retries a 500 storm and dropped connections with backoff, then completes", async () => {
    addConfirmedSubscribers(world, 300);
    openIncident(world);
    fake.failNext(4, "500");
    fake.failNext(3, "drop");
    await drain(world.db);
    expect(recipients()).toHaveLength(300);
    expect(new Set(recipients()).size).toBe(300);
    const rows = world.db.select().from(deliveries).all();
    expect(rows.every((d) => d.state === "sent")).toBe(true);
    expect(rows.reduce((n, d) => n + d.attempts, 0)).toBe(7);
    expect(fake.requestCount()).toBe(10);
  });

  it("fails a chunk the API refuses (422) for good, and delivers the others", async () => {
    addConfirmedSubscribers(world, 250);
    openIncident(world);
    fake.rejectRecipient("user150@example.com");
    await drain(world.db);
    const rows = world.db.select().from(deliveries).orderBy(deliveries.chunk).all();
    const failed = rows.filter((r) => r.state === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ lastStatusCode: 422, attempts: 1 });
    expect(failed[0].lastError).toMatch(/validation_error/);
    expect(rows.filter((r) => r.state === "sent")).toHaveLength(rows.length - 1);
    expect(fake.emails()).toHaveLength(250 - failed[0].recipients.length);
    const failedMessages = world.db.select().from(emailMessages).where(eq(emailMessages.state, "failed")).all();
    expect(failedMessages).toHaveLength(failed[0].recipients.length);
  });

  it("parks the work when the daily quota is exceeded, until the quota resets", async () => {
    addConfirmedSubscribers(world, 5);
    openIncident(world);
    fake.setQuotaExceeded(true);
    const now = Date.now();
    const tick = await runNotificationJobs(world.db, now, { mailer: mailer(), ...OPTS });
    expect(tick.parked).toBe(1);
    const row = world.db.select().from(deliveries).get()!;
    expect(row.state).toBe("parked");
    expect(row.lastError).toMatch(/daily_quota_exceeded/);
    const midnight = new Date(now);
    expect(row.nextAttemptAt).toBe(
      Date.UTC(midnight.getUTCFullYear(), midnight.getUTCMonth(), midnight.getUTCDate() + 1),
    );
    fake.setQuotaExceeded(false);
    await runNotificationJobs(world.db, row.nextAttemptAt, { mailer: mailer(), ...OPTS });
    expect(fake.emails()).toHaveLength(5);
  });

  it("a retry after a lost answer sends identical bytes, so the API does not send again", async () => {
    addConfirmedSubscribers(world, 120);
    openIncident(world);
    await drain(world.db);
    expect(fake.emails()).toHaveLength(120);
    // Pretend the answers were lost: put the deliveries back as if a worker died after sending.
    world.db.update(deliveries).set({ state: "sending", lockedBy: "dead", lockedUntil: 0 }).run();
    world.db.update(incidents).set({ name: "Renamed since" }).run();
    await drain(world.db);
    expect(fake.emails()).toHaveLength(120);
    expect(
      world.db
        .select()
        .from(deliveries)
        .all()
        .every((d) => d.state === "sent" && d.lastStatusCode === null),
    ).toBe(true);
  });
});

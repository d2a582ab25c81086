// A mail API that never answers, through the real Resend SDK and the fake server: the call is abandoned after
// the mailer's timeout, and the batch is tried again with the same idempotency key, so an answer that was
// lost (the emails were accepted) never becomes a second email.
import { beforeEach, describe, expect, it } from "vitest";
import { deliveries } from "@/db/schema";
import type { FakeResend } from "@/services/testing/fake-resend";
import { until, withFakeResendWorld } from "@/services/testing/fake-resend-world";
import { addConfirmedSubscribers, openIncident, type World } from "@/services/testing/notification-fixtures";
import { startNotificationWorker } from "@/services/notifications/worker-loop";
import { createResendMailer, MAIL_API_TIMEOUT_MS } from "./send";

const OPTS = {
  publicUrl: "https://status.example.org",
  from: "Status <status@example.org>",
  retryPolicy: { baseMs: 20, maxMs: 200, maxAttempts: 12 },
};
const email = {
  from: "Status <status@example.org>",
  to: ["a@example.com"],
  subject: "Hi",
  html: "<p>Hi</p>",
  text: "Hi",
  headers: {},
};

const mail = withFakeResendWorld();
let fake: FakeResend;
let world: World;
beforeEach(() => ({ fake, world } = mail));

describe("the mail API timeout", () => {
  it("is 30 s unless told otherwise", () => {
    expect(MAIL_API_TIMEOUT_MS).toBe(30_000);
  });

  it("gives up on an unanswered batch after the timeout, as a transient failure", async () => {
    fake.failNext(1, "hang");
    const mailer = createResendMailer("re_test", fake.url, { timeoutMs: 300 });
    const started = Date.now();
    const result = await mailer.sendBatch([email], { idempotencyKey: "k/1" });
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({
      ok: false,
      statusCode: null,
      name: "timeout",
      message: "No answer from the mail API within 0.3 s",
    });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
    // The next call is answered as usual.
    expect(await mailer.sendBatch([email], { idempotencyKey: "k/2" })).toMatchObject({ ok: true });
  });

  it("retries a batch whose request hung with the same key, and every subscriber gets one email", async () => {
    addConfirmedSubscribers(world, 250);
    openIncident(world);
    fake.failNext(1, "hang");
    const worker = startNotificationWorker(world.db, {
      mailer: createResendMailer("re_test", fake.url, { timeoutMs: 300 }),
      ...OPTS,
      idleMs: 20,
    });
    try {
      await until(() => fake.emails().length >= 250, 10_000);
    } finally {
      await worker.stop();
    }
    const hung = fake.requestLog()[0];
    const sameKey = fake.requestLog().filter((r) => r.idempotencyKey === hung.idempotencyKey);
    expect(sameKey).toHaveLength(2);
    const retry = sameKey[1];
    expect(retry.at - hung.at).toBeGreaterThanOrEqual(290);
    expect(new Set(fake.emails().flatMap((e) => e.to)).size).toBe(250);
    const rows = world.db.select().from(deliveries).all();
    expect(rows.every((d) => d.state === "sent")).toBe(true);
    expect(rows.reduce((n, d) => n + d.attempts, 0)).toBe(1);
  });

  it("never sends twice when the emails were accepted but the answer never came", async () => {
    addConfirmedSubscribers(world, 250);
    openIncident(world);
    fake.failNext(1, "hang-after");
    const worker = startNotificationWorker(world.db, {
      mailer: createResendMailer("re_test", fake.url, { timeoutMs: 300 }),
      ...OPTS,
      idleMs: 20,
    });
    try {
      await until(() => {
        const rows = world.db.select().from(deliveries).all();
        return rows.length === 3 && rows.every((d) => d.state === "sent");
      }, 10_000);
    } finally {
      await worker.stop();
    }
    const addresses = fake.emails().flatMap((e) => e.to);
    expect(addresses).toHaveLength(250);
    expect(new Set(addresses).size).toBe(250);
    // Four requests for three chunks: the hung one was answered on its retry from Resend's idempotency record.
    const keys = fake.requestLog().map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(3);
  });
});

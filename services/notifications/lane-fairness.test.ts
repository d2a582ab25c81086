// One busy channel never delays another: the lanes share one process (one event loop and one database), so
// besides their own slots they must not make each other wait for the CPU or for the worker loop. Checked by
// order where the machine's speed would make a clock flaky: the email of an update arrives while a slow or
// CPU-hungry SMS lane still has most of its work ahead. The real pipeline on a real SQLite file, the real
// Resend SDK to the fake Resend server; the SMS sender is the lane's client, replaced like a webhook client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryCounter } from "@/db";
import { deliveries } from "@/db/schema";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { enqueueNotification } from "@/db/writes/outbox";
import { upsertPendingSmsSubscriber } from "@/db/writes/sms";
import { confirmSubscriber } from "@/db/writes/subscribers";
import { createResendMailer } from "@/services/mail/send";
import type { SmsSender } from "@/services/sms/twilio";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { addConfirmedSubscribers, makeWorld, type World } from "@/services/testing/notification-fixtures";
import type { JobOptions } from "./jobs";
import { startNotificationWorker } from "./worker-loop";

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());

function addNumbers(world: World, count: number) {
  world.db.transaction((tx) => {
    for (let i = 0; i < count; i++) {
      const id = upsertPendingSmsSubscriber(tx, world.pageId, null, {
        phone: `+49171${String(1_000_000 + i).padStart(7, "0")}`,
        componentIds: [],
        allImpacts: true,
        codeHash: "test",
        at: Date.now(),
        expiresAt: Date.now() + 600_000,
      });
      confirmSubscriber(tx, id, Date.now());
    }
  });
}

/** An incident update with its notification, as the incident verbs commit it. */
function postUpdate(world: World, name: string): string {
  const at = Date.now();
  return world.db.transaction((tx) => {
    const incidentId = insertIncident(tx, {
      pageId: world.pageId,
      kind: "incident",
      name,
      status: "investigating",
      startedAt: at,
      at,
      componentIds: [world.webmail],
    });
    const incidentUpdateId = insertIncidentUpdate(tx, {
      incidentId,
      status: "investigating",
      body: "Pages take a **minute** to load.",
      displayAt: at,
      at,
      deliverNotifications: true,
      componentStatuses: { [world.webmail]: "degraded_performance" },
    });
    return enqueueNotification(tx, {
      pageId: world.pageId,
      kind: "incident_created",
      incidentId,
      incidentUpdateId,
      at,
    });
  });
}

/** An SMS client whose sends take `ms` of waiting, or of the CPU with `busy`, and then succeed. */
function smsClient(ms: number, busy = false): SmsSender & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(to) {
      if (busy) {
        const end = performance.now() + ms;
        while (performance.now() < end);
      } else await new Promise((r) => setTimeout(r, ms));
      sent.push(to);
      return { ok: true, sid: `SM${sent.length}`, segments: 1 };
    },
    async findSent() {
      return { ok: true, found: false };
    },
  };
}

const options = (sms: SmsSender): JobOptions => ({
  mailer: createResendMailer("re_test", fake.url),
  publicUrl: "https://status.example.org",
  from: "Status <status@example.org>",
  sms,
});

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const smsDone = (world: World) =>
  world.db
    .select({ channel: deliveries.channel, state: deliveries.state })
    .from(deliveries)
    .all()
    .filter((d) => d.channel === "sms" && d.state === "sent").length;

describe("lanes in one process", () => {
  it("a slow SMS lane full of work leaves a later update's email to go out at once", async () => {
    fake.reset();
    const world = makeWorld();
    addConfirmedSubscribers(world, 5);
    addNumbers(world, 40);
    const sms = smsClient(2000);
    const worker = startNotificationWorker(world.db, options(sms));
    try {
      postUpdate(world, "Webmail slow");
      await until(() => fake.emails().length === 5, 10_000, "the first update's emails");
      // All four SMS slots are taken by the first update, each for 2 s, with 36 more of it waiting.
      postUpdate(world, "VPN slow");
      await until(() => fake.emails().length === 10, 10_000, "the second update's emails");
      expect(sms.sent.length).toBeLessThanOrEqual(8);
    } finally {
      await worker.stop();
      world.db.$client.close();
    }
  }, 60_000);

  it("an SMS lane whose every send is CPU work still lets the email lane's answers in", async () => {
    fake.reset();
    const world = makeWorld();
    addConfirmedSubscribers(world, 200);
    const numbers = 500;
    addNumbers(world, numbers);
    const sms = smsClient(6, true);
    const worker = startNotificationWorker(world.db, options(sms));
    try {
      postUpdate(world, "Webmail slow");
      await until(() => fake.emails().length === 200, 30_000, "the emails");
      // Two batches, rendered and sent between SMS sends: most of the 3 s of SMS work is still ahead.
      expect(sms.sent.length).toBeLessThan(numbers / 2);
      await until(() => smsDone(world) === numbers, 60_000, "every SMS");
    } finally {
      await worker.stop();
      world.db.$client.close();
    }
  }, 90_000);

  it("a finished send refills its own lane, without a tick of the worker loop for each", async () => {
    const world = makeWorld();
    const numbers = 40;
    addNumbers(world, numbers);
    let ticks = 0;
    const worker = startNotificationWorker(world.db, {
      ...options(smsClient(10)),
      lanes: { sms: { concurrency: 1, onePerEndpoint: false } },
      // Long enough that a lane waiting for the next tick would need 40 s for these.
      idleMs: 1000,
      onTick: () => ticks++,
    });
    try {
      postUpdate(world, "Webmail slow");
      await until(() => smsDone(world) === numbers, 20_000, "every SMS");
      expect(ticks).toBeLessThan(numbers / 4);
    } finally {
      await worker.stop();
      world.db.$client.close();
    }
  }, 30_000);

  it("an SMS to an incident's subscribers costs a handful of statements, whatever their number", async () => {
    const world = makeWorld();
    const numbers = 300;
    addNumbers(world, numbers);
    const worker = startNotificationWorker(world.db, options(smsClient(0)));
    try {
      // Counted from the commit to the last send: the fan-out, the worker loop's ticks and every send.
      const before = queryCounter.count;
      postUpdate(world, "Webmail slow");
      await until(() => smsDone(world) === numbers, 30_000, "every SMS");
      const perMessage = (queryCounter.count - before) / numbers;
      expect(perMessage).toBeLessThanOrEqual(5);
    } finally {
      await worker.stop();
      world.db.$client.close();
    }
  });
});

// A slow receiver must not delay everyone: ten webhooks on 127.0.0.1 that accept the connection and never
// answer, next to 2,000 email subscribers and one healthy webhook. Checked by order, not by the clock: every
// email and the healthy webhook's POST arrive while all ten hanging POSTs are still open (each holds its
// slot for 10 s), so nothing waited behind them. How long it takes, against a run without them, is measured
// by `npm run bench:slow-receivers`. Real SQLite files, the real SDK, the fake Resend server, real sockets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "@/db/schema";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { addConfirmedSubscribers, makeWorld } from "@/services/testing/notification-fixtures";
import {
  addReceivers,
  HANGING_RECEIVERS,
  runIncident,
  startHangingServer,
  until,
  type HangingServer,
} from "@/services/testing/slow-receivers";
import { startWebhookReceiver, type WebhookReceiver } from "@/services/testing/webhook-receiver";

const SUBSCRIBERS = 2000;

let fake: FakeResend;
let healthy: WebhookReceiver;
let hanging: HangingServer;
beforeAll(async () => {
  fake = await startFakeResend({ latencyMs: 20 });
  healthy = await startWebhookReceiver();
  hanging = await startHangingServer();
});
afterAll(async () => {
  await Promise.all([fake.close(), healthy.close(), hanging.close()]);
});

describe("slow webhook receivers", () => {
  it("do not hold up email to 2,000 subscribers, nor a healthy webhook", async () => {
    const world = makeWorld();
    addConfirmedSubscribers(world, SUBSCRIBERS);
    addReceivers(world, hanging, healthy);
    let openWhenHealthyArrived = -1;
    let openWhenEmailDone = -1;
    await runIncident(world, fake, SUBSCRIBERS, async () => {
      // Every hanging receiver is tried (its POST is in flight, not skipped)...
      await until(() => hanging.connections() >= HANGING_RECEIVERS, 10_000, "a connection to every hanging receiver");
      await until(() => healthy.requests.length >= 1, 10_000, "the healthy webhook");
      openWhenHealthyArrived = hanging.open();
    });
    openWhenEmailDone = hanging.open();
    // ...and is still open when the healthy webhook and the last email got through.
    expect(openWhenHealthyArrived).toBe(HANGING_RECEIVERS);
    expect(openWhenEmailDone).toBe(HANGING_RECEIVERS);
    const rows = world.db.select().from(deliveries).all();
    expect(rows.filter((d) => d.channel === "email").every((d) => d.state === "sent")).toBe(true);
    expect(new Set(fake.emails().flatMap((e) => e.to)).size).toBe(SUBSCRIBERS);
    expect(fake.emails()).toHaveLength(SUBSCRIBERS);
    // The hanging receivers' POSTs time out (10 s) and wait for their retry: nothing lost.
    await until(
      () =>
        world.db
          .select()
          .from(deliveries)
          .all()
          .filter((d) => d.channel === "webhook" && d.state === "pending" && d.attempts === 1).length ===
        HANGING_RECEIVERS,
      20_000,
      "the hanging POSTs to time out",
    );
    world.db.$client.close();
  }, 120_000);
});

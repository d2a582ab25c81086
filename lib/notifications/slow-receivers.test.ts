// A slow receiver must not delay everyone: ten webhooks on 127.0.0.1 that accept the connection and never
// answer, next to 2,000 email subscribers and one healthy webhook. The email goes out in about the time it
// takes without them (measured first, in this test, on the same machine), and the healthy webhook is not kept
// waiting behind the hanging ones. Real SQLite files, the real SDK, the fake Resend server, real sockets.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "@/db/schema";
import { insertWebhookSubscriber } from "@/db/writes/webhooks";
import { createResendMailer } from "@/lib/mail/send";
import { startFakeResend, type FakeResend } from "@/lib/testing/fake-resend";
import { addConfirmedSubscribers, makeWorld, openIncident, type World } from "@/lib/testing/notification-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { startNotificationWorker } from "./worker-loop";

const SUBSCRIBERS = 2000;
const OPTS = { publicUrl: "https://status.example.org", from: "Status <status@example.org>", idleMs: 50 };

/** Accepts connections and never answers (nor reads): the receiver from the report. */
async function startHangingServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  let connections = 0;
  server.on("connection", () => connections++);
  return {
    url: (path: string) => `http://127.0.0.1:${(server.address() as net.AddressInfo).port}${path}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function until(condition: () => boolean, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts a worker as production does, commits one incident, and returns the ms until every email was accepted. */
async function timeEmail(world: World, fake: FakeResend, afterwards?: () => Promise<void>): Promise<number> {
  const worker = startNotificationWorker(world.db, { mailer: createResendMailer("re_test", fake.url), ...OPTS, webhooks: { allowLoopback: true } });
  try {
    await new Promise((r) => setTimeout(r, 300)); // up and idle
    const committedAt = Date.now();
    openIncident(world);
    await until(() => fake.emails().length >= SUBSCRIBERS, 5_000 + 3 * baselineMs, "every email");
    const elapsed = Math.max(...fake.emails().map((e) => e.at)) - committedAt;
    await afterwards?.();
    return elapsed;
  } finally {
    await worker.stop();
  }
}

let fake: FakeResend;
let healthy: WebhookReceiver;
let hanging: Awaited<ReturnType<typeof startHangingServer>>;
let baselineMs = 10_000;
beforeAll(async () => {
  fake = await startFakeResend({ latencyMs: 20 });
  healthy = await startWebhookReceiver();
  hanging = await startHangingServer();
});
afterAll(async () => {
  await Promise.all([fake.close(), healthy.close(), hanging.close()]);
});

describe("slow webhook receivers", () => {
  it("do not delay email to 2,000 subscribers, nor a healthy webhook", async () => {
    const quiet = makeWorld();
    addConfirmedSubscribers(quiet, SUBSCRIBERS);
    baselineMs = await timeEmail(quiet, fake);
    quiet.db.$client.close();

    fake.reset();
    const busy = makeWorld();
    addConfirmedSubscribers(busy, SUBSCRIBERS);
    for (let i = 0; i < 10; i++) {
      insertWebhookSubscriber(busy.db, { pageId: busy.pageId, url: hanging.url(`/hang-${i}`), secret: `whsec_hang_${i}`, email: null, componentIds: [], origin: "public", at: 1 });
    }
    insertWebhookSubscriber(busy.db, { pageId: busy.pageId, url: healthy.url("/healthy"), secret: "whsec_ok", email: null, componentIds: [], origin: "console", at: 1 });
    let healthyAfterMs = Infinity;
    const startedAt = Date.now();
    const withHangingMs = await timeEmail(busy, fake, async () => {
      await healthy.waitFor(1, 5_000);
      healthyAfterMs = healthy.requests[0].at - startedAt;
      // Every hanging receiver was tried (their POSTs are in flight, not skipped).
      await until(() => hanging.connections() >= 10, 5_000, "a connection to every hanging receiver");
    });
    console.info(`email to ${SUBSCRIBERS}: ${baselineMs} ms alone, ${withHangingMs} ms next to 10 hanging webhooks; healthy webhook after ${healthyAfterMs} ms`);
    expect(withHangingMs).toBeLessThan(Math.max(3 * baselineMs, baselineMs + 3_000));
    // Well inside the 10 s a hanging receiver holds its POST.
    expect(healthyAfterMs).toBeLessThan(5_000);
    const rows = busy.db.select().from(deliveries).all();
    expect(rows.filter((d) => d.channel === "email").every((d) => d.state === "sent")).toBe(true);
    // The hanging receivers' deliveries timed out and wait for their retry: nothing lost.
    expect(rows.filter((d) => d.channel === "webhook" && d.state === "pending" && d.attempts === 1)).toHaveLength(10);
    busy.db.$client.close();
  }, 120_000);
});

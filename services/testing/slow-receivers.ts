// The slow-receiver scenario shared by services/notifications/slow-receivers.test.ts (what happens, in what order)
// and bench/slow-receivers.ts (how long it takes): ten webhooks on 127.0.0.1 that accept the connection and
// never answer, next to email subscribers and one healthy webhook.
import net from "node:net";
import { insertWebhookSubscriber } from "@/db/writes/webhooks";
import { createResendMailer } from "@/services/mail/send";
import { startNotificationWorker } from "@/services/notifications/worker-loop";
import type { FakeResend } from "./fake-resend";
import { openIncident, type World } from "./notification-fixtures";
import type { WebhookReceiver } from "./webhook-receiver";

export const HANGING_RECEIVERS = 10;
const OPTS = { publicUrl: "https://status.example.org", from: "Status <status@example.org>", idleMs: 50 };

/** Accepts connections and never answers (nor reads): the receiver from the report. */
export async function startHangingServer() {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: (path: string) => `http://127.0.0.1:${(server.address() as net.AddressInfo).port}${path}`,
    connections: () => connections,
    /** Connections still open: a POST the sender has not yet given up on. */
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
export type HangingServer = Awaited<ReturnType<typeof startHangingServer>>;

export async function until(condition: () => boolean, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The hanging receivers and the healthy one, as webhook subscribers of the world's page. */
export function addReceivers(world: World, hanging: HangingServer, healthy: WebhookReceiver): void {
  for (let i = 0; i < HANGING_RECEIVERS; i++) {
    insertWebhookSubscriber(world.db, {
      pageId: world.pageId,
      url: hanging.url(`/hang-${i}`),
      secret: `whsec_hang_${i}`,
      email: null,
      componentIds: [],
      origin: "public",
      at: 1,
    });
  }
  insertWebhookSubscriber(world.db, {
    pageId: world.pageId,
    url: healthy.url("/healthy"),
    secret: "whsec_ok",
    email: null,
    componentIds: [],
    origin: "console",
    at: 1,
  });
}

/**
 * Starts a worker as production does, commits one incident and waits until `expected` emails were accepted;
 * `during` runs right after the commit, concurrently. Returns the ms from the commit to the last email.
 */
export async function runIncident(
  world: World,
  fake: FakeResend,
  expected: number,
  during?: () => Promise<void>,
): Promise<number> {
  const worker = startNotificationWorker(world.db, {
    mailer: createResendMailer("re_test", fake.url),
    ...OPTS,
    webhooks: { allowLoopback: true },
  });
  try {
    await new Promise((r) => setTimeout(r, 300)); // up and idle
    const committedAt = Date.now();
    openIncident(world);
    await Promise.all([until(() => fake.emails().length >= expected, 60_000, "every email"), during?.()]);
    return Math.max(...fake.emails().map((e) => e.at)) - committedAt;
  } finally {
    await worker.stop();
  }
}

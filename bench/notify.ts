// `npm run bench:notify`: one incident update to 10,000 confirmed subscribers, through the real pipeline and
// the real SDK, to the fake Resend server (its own process) limited to 2 requests a second.
// Prints the time from the commit to the last email accepted, the theoretical bound, duplicates and losses,
// and how long the enqueue call takes with 10 and with 10,000 subscribers.
import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { deliveries, subscribers } from "@/db/schema";
import { enqueueNotification } from "@/db/writes/outbox";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { createResendMailer } from "@/services/mail/send";
import { startNotificationWorker } from "@/services/notifications/worker-loop";
import { addConfirmedSubscribers, makeWorld, type World } from "@/services/testing/notification-fixtures";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const LIMIT = 2;
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const FAKE = `http://127.0.0.1:${PORT}`;

/** One incident update committed with its notification; returns the enqueue call's duration in ms. */
function postUpdate(world: World): { enqueueMs: number; committedAt: number; notificationId: string } {
  let enqueueMs = 0;
  let notificationId = "";
  world.db.transaction((tx) => {
    const at = Date.now();
    const incidentId = insertIncident(tx, {
      pageId: world.pageId,
      kind: "incident",
      name: "Webmail slow to load",
      status: "investigating",
      startedAt: at,
      at,
      componentIds: [world.webmail],
    });
    const updateId = insertIncidentUpdate(tx, {
      incidentId,
      status: "investigating",
      body: "Pages take a minute to load.",
      displayAt: at,
      at,
      deliverNotifications: true,
      componentStatuses: { [world.webmail]: "degraded_performance" },
    });
    const t = performance.now();
    notificationId = enqueueNotification(tx, {
      pageId: world.pageId,
      kind: "incident_created",
      incidentId,
      incidentUpdateId: updateId,
      at,
    });
    enqueueMs = performance.now() - t;
  });
  return { enqueueMs, committedAt: Date.now(), notificationId };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const fake = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/fake-resend.ts", String(PORT)], {
    env: { ...process.env, FAKE_RESEND_RATE_LIMIT: String(LIMIT) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => fake.stdout.once("data", () => resolve()));
  try {
    // Enqueue cost with few subscribers, for comparison (no worker: nothing is sent).
    const small = makeWorld();
    addConfirmedSubscribers(small, 10);
    const smallEnqueue = Array.from({ length: 20 }, () => postUpdate(small).enqueueMs).sort((a, b) => a - b)[10];
    small.db.$client.close();

    const world = makeWorld();
    addConfirmedSubscribers(world, SUBSCRIBERS);
    const bigEnqueue = Array.from({ length: 20 }, () => postUpdate(world).enqueueMs).sort((a, b) => a - b)[10];
    // Those 20 notifications are not part of the run: mark them done before the worker starts.
    world.db.$client.exec("update notifications set fanned_out_at = 0");

    const worker = startNotificationWorker(world.db, {
      mailer: createResendMailer("re_bench", FAKE),
      publicUrl: "https://status.example.org",
      from: "Status <status@example.org>",
      onError: (e) => console.error(e),
    });
    const { committedAt, notificationId } = postUpdate(world);
    const emails = async () =>
      ((await (await fetch(`${FAKE}/_test/emails?light=1`)).json()) as { data: { to: string[]; at: number }[] }).data;
    await waitFor(async () => {
      const rows = world.db
        .select({ state: deliveries.state })
        .from(deliveries)
        .where(eq(deliveries.notificationId, notificationId))
        .all();
      return rows.length > 0 && rows.every((d) => d.state === "sent" || d.state === "failed");
    }, 600_000);
    await worker.stop();

    const accepted = await emails();
    if (process.env.BENCH_TIMELINE) {
      const firsts = accepted.filter((_, i) => i % 100 === 0).map((e) => e.at - committedAt);
      console.log(`batch accepted at (ms after commit): ${firsts.join(" ")}`);
    }
    const stats = (await (await fetch(`${FAKE}/_test/stats`)).json()) as { requests: number };
    const counts = new Map<string, number>();
    for (const e of accepted) for (const to of e.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    const addresses = world.db
      .select({ email: subscribers.email })
      .from(subscribers)
      .all()
      .map((s) => s.email!);
    const duplicates = [...counts.values()].reduce((n, c) => n + (c - 1), 0);
    const losses = addresses.filter((a) => !counts.has(a)).length;
    const seconds = (Math.max(...accepted.map((e) => e.at)) - committedAt) / 1000;
    const bound = SUBSCRIBERS / 100 / LIMIT;
    console.log(`subscribers:                     ${SUBSCRIBERS}`);
    console.log(`fake Resend limit:               ${LIMIT} requests/s (batches of 100)`);
    console.log(`commit -> last email accepted:   ${seconds.toFixed(2)} s`);
    console.log(`theoretical bound:               ${bound.toFixed(2)} s`);
    console.log(`ratio:                           ${(seconds / bound).toFixed(3)}`);
    console.log(`emails accepted:                 ${accepted.length}`);
    console.log(`requests to the API:             ${stats.requests} (${Math.ceil(SUBSCRIBERS / 100)} batches needed)`);
    console.log(`duplicates:                      ${duplicates}`);
    console.log(`losses:                          ${losses}`);
    console.log(
      `enqueue call (median of 20):     ${smallEnqueue.toFixed(3)} ms with 10 subscribers, ${bigEnqueue.toFixed(3)} ms with ${SUBSCRIBERS}`,
    );
    world.db.$client.close();
    if (duplicates > 0 || losses > 0) process.exitCode = 1;
  } finally {
    fake.kill("SIGTERM");
  }
}

main();

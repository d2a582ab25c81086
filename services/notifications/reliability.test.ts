// The promise, tested end to end with real SQLite files, the real SDK and the fake Resend server: every
// subscriber gets exactly one email, even across a crash, under a rate limit, through failures.
import { spawn } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { deliveries } from "@/db/schema";
import { createResendMailer } from "@/services/mail/send";
import type { FakeResend } from "@/services/testing/fake-resend";
import { until, withFakeResendWorld } from "@/services/testing/fake-resend-world";
import { addConfirmedSubscribers, openIncident, type World } from "@/services/testing/notification-fixtures";
import { runNotificationJobs } from "./jobs";
import { startNotificationWorker } from "./worker-loop";

const OPTS = { publicUrl: "https://status.example.org", from: "Status <status@example.org>" };
const mail = withFakeResendWorld();
let fake: FakeResend;
let world: World;
beforeEach(() => ({ fake, world } = mail));

/** How many emails each address received. */
function received(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of fake.emails()) for (const to of e.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

describe("reliability", () => {
  it("a worker killed mid fan-out loses and duplicates nothing when the next one runs", async () => {
    const total = 3000;
    addConfirmedSubscribers(world, total);
    openIncident(world);
    fake.setLatency(40);
    // Node itself with tsx's loader, not the tsx wrapper: SIGKILL cannot be relayed, so killing the wrapper
    // would leave the real worker running (and writing) behind it.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "services/testing/notify-child.ts", world.file, fake.url],
      { env: { ...process.env, LEASE_MS: "500" }, stdio: "ignore" },
    );
    const exited = new Promise((r) => child.once("exit", r));
    await until(() => fake.emails().length >= 800, 60_000);
    child.kill("SIGKILL");
    await exited;
    const beforeRestart = fake.emails().length;
    expect(beforeRestart).toBeLessThan(total);
    await new Promise((r) => setTimeout(r, 600)); // the dead worker's lease runs out
    for (let i = 0; i < 100; i++) {
      const r = await runNotificationJobs(world.db, Date.now(), {
        mailer: createResendMailer("re_test", fake.url),
        ...OPTS,
      });
      if (r.nextDueAt === null) break;
    }
    const counts = received();
    expect(counts.size).toBe(total);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(
      world.db
        .select()
        .from(deliveries)
        .all()
        .every((d) => d.state === "sent"),
    ).toBe(true);
  }, 90_000);

  // How fast (against subscribers/100/limit seconds) is measured by `npm run bench:notify`, where the fake
  // server has its own process: here only that a rate-limited run loses, repeats and gives up nothing, and
  // sends the batches in order.
  it("at 2 requests a second, every subscriber gets one email, in batch order, and nothing is given up", async () => {
    const total = 1000;
    const limit = 2;
    addConfirmedSubscribers(world, total);
    fake.setRateLimit(limit);
    const worker = startNotificationWorker(world.db, {
      mailer: createResendMailer("re_test", fake.url),
      ...OPTS,
      idleMs: 50,
    });
    await new Promise((r) => setTimeout(r, 300)); // the worker is up and idle, as in production
    openIncident(world);
    try {
      await until(() => fake.emails().length >= total, 60_000);
    } finally {
      await worker.stop();
    }
    const counts = received();
    expect(counts.size).toBe(total);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const rows = world.db.select().from(deliveries).all();
    expect(rows.every((d) => d.state === "sent")).toBe(true);
    // One email lane, one batch at a time: the batches arrive in fan-out order (chunk 0, 1, 2, ...).
    const chunks = fake.emails().map((e) => Number(/\/chunk\/(\d+)$/.exec(e.idempotencyKey ?? "")?.[1]));
    expect([...new Set(chunks)]).toEqual(Array.from({ length: total / 100 }, (_, i) => i));
  }, 90_000);

  it("rides out a long 500 storm and dropped connections, then completes after recovery", async () => {
    addConfirmedSubscribers(world, 500);
    openIncident(world);
    fake.failNext(15, "500");
    fake.failNext(5, "drop");
    const policy = { baseMs: 10, maxMs: 100, maxAttempts: 30 };
    const worker = startNotificationWorker(world.db, {
      mailer: createResendMailer("re_test", fake.url),
      ...OPTS,
      retryPolicy: policy,
      idleMs: 20,
    });
    try {
      await until(() => fake.emails().length >= 500, 30_000);
    } finally {
      await worker.stop();
    }
    const rows = world.db.select().from(deliveries).all();
    expect(rows.every((d) => d.state === "sent")).toBe(true);
    expect(rows.reduce((n, d) => n + d.attempts, 0)).toBe(20);
    expect([...received().values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});

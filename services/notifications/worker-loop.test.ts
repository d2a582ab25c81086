// The worker on a database that cannot save (a real SQLite file with writes refused): it backs off
// exponentially, capped, reporting once per step instead of failing four times a second, and picks up
// again as soon as the database takes writes.
import { afterAll, describe, expect, it } from "vitest";
import { makeWorld, openIncident } from "@/services/testing/notification-fixtures";
import type { TickResult } from "./jobs";
import { startNotificationWorker } from "./worker-loop";

const world = makeWorld();
afterAll(() => world.db.$client.close());

const until = async (check: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe("the notification worker", () => {
  it("backs off exponentially while the database cannot save, then recovers", async () => {
    openIncident(world);
    world.db.$client.pragma("query_only = 1");
    const failures: { failures: number; retryInMs: number }[] = [];
    const ticks: TickResult[] = [];
    const worker = startNotificationWorker(world.db, {
      idleMs: 10,
      maxBackoffMs: 80,
      onError: (_err, backoff) => failures.push(backoff),
      onTick: (r) => ticks.push(r),
    });
    await until(() => failures.length >= 1, 5_000);
    const firstAt = Date.now();
    await new Promise((r) => setTimeout(r, 400));
    const seen = failures.length;
    // Without a back-off a 10 ms loop fails about 40 times in 400 ms; with it, 20 + 40 + 80 + 80 + ... ms.
    expect(seen).toBeGreaterThanOrEqual(3);
    expect(seen).toBeLessThanOrEqual(9);
    expect(failures.slice(0, 4)).toEqual([
      { failures: 1, retryInMs: 20 },
      { failures: 2, retryInMs: 40 },
      { failures: 3, retryInMs: 80 },
      { failures: 4, retryInMs: 80 },
    ]);
    expect(ticks).toHaveLength(0);
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(400);

    world.db.$client.pragma("query_only = 0");
    await until(() => ticks.some((t) => t.fannedOut > 0), 5_000);
    await worker.stop();
    expect(ticks.some((t) => t.fannedOut > 0)).toBe(true);
  });
});

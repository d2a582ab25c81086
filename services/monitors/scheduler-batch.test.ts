// The scheduler writes the results that finish together in one transaction (applyResults), and a result whose
// write fails costs only that monitor's result. Real SQLite file, real HTTP checks against 127.0.0.1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { components, monitorResults, monitors, pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { HANDLERS, startHttpTarget, type HttpTarget } from "@/services/testing/monitor-targets";
import { addComponent, addMember, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import { createMonitorScheduler } from "./scheduler";
import { createMonitor } from "./verbs";

let target: HttpTarget;
let dir: string;
let db: Db;
let clock = T0;
const INTERVAL = 10_000;

beforeAll(async () => {
  target = await startHttpTarget(3381);
});
afterAll(() => target.close());
afterEach(() => {
  db?.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function setUp(n: number, componentId?: (db: Db, pageId: string) => string) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "monitors-batch-"));
  db = openDatabase(path.join(dir, "status.db"));
  ensurePage(db, { name: "Example IT Services", timeZone: "Etc/UTC", at: T0 - 100 * HOUR });
  const pageId = db.select().from(pages).get()!.id;
  const owner = addMember(db, "owner");
  const service = componentId?.(db, pageId) ?? null;
  clock = T0;
  const ids = Array.from(
    { length: n },
    (_, i) =>
      createMonitor(
        db,
        owner,
        {
          name: `M${i}`,
          kind: "http",
          intervalSeconds: 10,
          timeoutMs: 2_000,
          failuresBeforeDown: 1,
          componentId: service,
          config: { url: `${target.url}/health` },
        },
        clock,
      ).id,
  );
  return { ids, service };
}

const resultsOf = (id: string) => db.select().from(monitorResults).where(eq(monitorResults.monitorId, id)).all();

describe("scheduler batching", () => {
  it("writes every result of a tick in one transaction", async () => {
    const { ids } = setUp(6);
    target.set(HANDLERS.healthy);
    const batches: number[] = [];
    const scheduler = createMonitorScheduler({ db, now: () => clock, tickMs: 0, onBatch: (n) => batches.push(n) });
    clock = (Math.floor(clock / INTERVAL) + 1) * INTERVAL;
    expect(await scheduler.tick()).toBe(6);
    expect(batches).toEqual([6]);
    for (const id of ids) expect(resultsOf(id)).toHaveLength(1);
    // Every lease given back with the result.
    expect(db.select({ owner: monitors.leaseOwner }).from(monitors).all()).toEqual(ids.map(() => ({ owner: null })));
  });

  it("a result whose write fails loses only that monitor's result; the others and their claims are written", async () => {
    const { ids, service } = setUp(4, (db, pageId) => addComponent(db, pageId, "Intranet"));
    const [broken, ...others] = ids as [string, ...string[]];
    // A write that fails for one monitor only, in SQLite itself (as a full disk or a constraint would).
    db.$client.exec(
      `create trigger fail_one before insert on monitor_results when new.monitor_id = '${broken}'
       begin select raise(abort, 'simulated write failure'); end`,
    );
    target.set(HANDLERS.failing);
    const logged: string[] = [];
    const batches: number[] = [];
    const scheduler = createMonitorScheduler({
      db,
      now: () => clock,
      tickMs: 0,
      log: (m) => logged.push(m),
      onBatch: (n) => batches.push(n),
    });
    clock = (Math.floor(clock / INTERVAL) + 1) * INTERVAL;
    await scheduler.tick();

    for (const id of others) expect(resultsOf(id)).toHaveLength(1);
    expect(resultsOf(broken)).toEqual([]);
    // The others went down and claimed the service; the broken one is still leased (tried again when it lapses).
    expect(db.select().from(components).where(eq(components.id, service!)).get()!.status).toBe("major_outage");
    const row = (id: string) => db.select().from(monitors).where(eq(monitors.id, id)).get()!;
    for (const id of others) expect(row(id)).toMatchObject({ state: "down", leaseOwner: null });
    expect(row(broken)).toMatchObject({ state: "unknown" });
    expect(row(broken).leaseOwner).not.toBeNull();
    expect(logged).toEqual([expect.stringContaining("M0: its result was not written: simulated write failure")]);
    expect(batches).toEqual([4]);

    // Once the write works again, the next run after the lease lapses records it.
    db.$client.exec("drop trigger fail_one");
    clock = row(broken).leaseUntil! + 1;
    await scheduler.tick();
    expect(resultsOf(broken)).toHaveLength(1);
  });
});

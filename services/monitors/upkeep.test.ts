// Bounded growth: results roll up into hours and days, and each kind of row goes at the end of its retention.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, monitorResults, monitorRollups, monitors, monitorStateChanges, statusClaims } from "@/db/schema";
import { DAY, HOUR, MINUTE } from "@/core/time";
import { postMaintenanceUpdate, scheduleMaintenance } from "@/services/incidents/maintenance-verbs";
import { addComponent, addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { down, up } from "./checks/types";
import { applyResult, applyResults } from "./run";
import { runMonitorUpkeep } from "./upkeep";
import { createMonitor } from "./verbs";

let db: Db;
afterEach(() => db?.$client.close());

describe("monitor upkeep", () => {
  it("rolls up hours and days, then prunes raw results after 48 h, hours after 90 days, days after 2 years", async () => {
    const built = emptyPage();
    db = built.db;
    const owner = addMember(db, "owner");
    const start = Date.UTC(2026, 0, 1);
    const { id } = createMonitor(
      db,
      owner,
      { name: "API", kind: "tcp", intervalSeconds: 60, config: { host: "127.0.0.1", port: 3192 } },
      start,
    );
    // 2 hours of results a minute apart: 100 ms then 200 ms, one failure per hour.
    for (let i = 0; i < 120; i++)
      applyResult(db, id, i % 60 === 30 ? down("Connection refused") : up(i < 60 ? 100 : 200), start + i * MINUTE);
    await runMonitorUpkeep(db, start + 2 * HOUR + 1);
    const hours = db.select().from(monitorRollups).where(eq(monitorRollups.resolution, "hour")).all();
    expect(hours.map((h) => [h.bucketStart - start, h.countUp, h.countDown, h.minMs, h.p95Ms, h.maxMs])).toEqual([
      [0, 59, 1, 100, 100, 100],
      [HOUR, 59, 1, 200, 200, 200],
    ]);
    // The day closes at midnight; then it is rolled up from the raw results, which are still all there.
    await runMonitorUpkeep(db, start + DAY + 1);
    const day = db.select().from(monitorRollups).where(eq(monitorRollups.resolution, "day")).get()!;
    expect(day).toMatchObject({
      bucketStart: start,
      countUp: 118,
      countDown: 2,
      minMs: 100,
      avgMs: 150,
      p95Ms: 200,
      maxMs: 200,
    });
    // Twice over the same period: nothing is counted twice.
    await runMonitorUpkeep(db, start + DAY + 2);
    expect(db.select().from(monitorRollups).all()).toHaveLength(3);

    await runMonitorUpkeep(db, start + 2 * DAY + 2 * HOUR + 1);
    expect(db.select().from(monitorResults).all()).toEqual([]);
    await runMonitorUpkeep(db, start + 91 * DAY);
    expect(
      db
        .select()
        .from(monitorRollups)
        .all()
        .map((r) => r.resolution),
    ).toEqual(["day"]);
    await runMonitorUpkeep(db, start + 731 * DAY);
    expect(db.select().from(monitorRollups).all()).toEqual([]);
  });

  it("puts a monitor's claim back on its service once a maintenance window ends", async () => {
    const built = emptyPage();
    db = built.db;
    const owner = addMember(db, "owner");
    const erp = addComponent(db, built.pageId, "ERP");
    const { id } = createMonitor(
      db,
      owner,
      {
        name: "ERP",
        kind: "tcp",
        intervalSeconds: 60,
        componentId: erp,
        failuresBeforeDown: 1,
        config: { host: "127.0.0.1", port: 3192 },
      },
      T0,
    );
    const window = scheduleMaintenance(
      db,
      owner,
      { name: "Upgrade", message: "m", scheduledFor: T0 + HOUR, scheduledUntil: T0 + 2 * HOUR, componentIds: [erp] },
      T0,
    ).id;
    postMaintenanceUpdate(db, owner, window, { status: "in_progress" }, T0 + 1);
    applyResult(db, id, down("Connection refused"), T0 + 2);
    const statusOf = () => db.select().from(components).where(eq(components.id, erp)).get()!.status;
    expect(statusOf()).toBe("under_maintenance");
    postMaintenanceUpdate(db, owner, window, { status: "completed" }, T0 + 3);
    expect(statusOf()).toBe("operational");
    expect((await runMonitorUpkeep(db, T0 + 4)).reconciled).toBe(1);
    expect(statusOf()).toBe("major_outage");
  });
});

describe("results written in batches", () => {
  it("write the same rows and the same damped states as one transaction each", () => {
    const built = emptyPage();
    db = built.db;
    const owner = addMember(db, "owner");
    const web = addComponent(db, built.pageId, "Web");
    const make = (name: string) =>
      createMonitor(
        db,
        owner,
        {
          name,
          kind: "tcp",
          intervalSeconds: 30,
          componentId: web,
          failuresBeforeDown: 2,
          config: { host: "127.0.0.1", port: 3192 },
        },
        T0,
      ).id;
    const single = make("Single");
    const batched = make("Batched");
    const outcomes = [up(10), down("Connection refused"), down("Connection refused"), up(12), up(14)];
    const singles = outcomes.map((r, i) => applyResult(db, single, r, T0 + (i + 1) * 30_000));
    const batches = outcomes.map(
      (r, i) => applyResults(db, [{ monitorId: batched, result: r }], T0 + (i + 1) * 30_000)[0],
    );
    expect(batches).toEqual(singles);
    expect(batches.map((b) => b!.to)).toEqual(["up", "up", "down", "down", "up"]);
    const rows = (id: string) =>
      db
        .select({ at: monitorResults.at, outcome: monitorResults.outcome, ms: monitorResults.responseMs })
        .from(monitorResults)
        .where(eq(monitorResults.monitorId, id))
        .all();
    expect(rows(batched)).toEqual(rows(single));
    expect(rows(batched)).toHaveLength(5);
    // Both claims ended with the recovery: the service is operational again.
    expect(db.select().from(components).where(eq(components.id, web)).get()!.status).toBe("operational");
  });

  it("several results of one monitor in one batch: its row written once, the same state, changes and claims", () => {
    const built = emptyPage();
    db = built.db;
    const owner = addMember(db, "owner");
    const make = (name: string) =>
      createMonitor(
        db,
        owner,
        {
          name,
          kind: "tcp",
          intervalSeconds: 30,
          componentId: addComponent(db, built.pageId, name),
          failuresBeforeDown: 2,
          config: { host: "127.0.0.1", port: 3192 },
        },
        T0,
      ).id;
    const single = make("Single");
    const batched = make("Batched");
    // Down mid-batch, up again, down again at the end: state changes inside the batch and on its last result.
    const outcomes = [up(10), down("Refused"), down("Refused"), up(12), up(14), up(16), down("Reset"), down("Reset")];
    const changed = () => db.$client.prepare("select total_changes()").pluck().get() as number;
    let before = changed();
    const singles = outcomes.map((r, i) => applyResult(db, single, r, T0 + (i + 1) * 30_000));
    const singleWrites = changed() - before;
    before = changed();
    const batch = applyResults(
      db,
      outcomes.map((result, i) => ({ monitorId: batched, result, at: T0 + (i + 1) * 30_000 })),
      T0 + outcomes.length * 30_000,
    );
    expect(batch).toEqual(singles);
    expect(batch.map((b) => b!.to)).toEqual(["up", "up", "down", "down", "up", "up", "up", "down"]);
    const row = (id: string) => {
      const {
        id: _id,
        name: _n,
        componentId: _c,
        heartbeatTokenHash: _h,
        // Differs by each monitor's phase (derived from its id).
        nextRunAt,
        ...rest
      } = db.select().from(monitors).where(eq(monitors.id, id)).get()!;
      expect(nextRunAt).toBeGreaterThan(T0 + 8 * 30_000);
      return rest;
    };
    expect(row(batched)).toEqual(row(single));
    expect(row(batched)).toMatchObject({ state: "down", stateChangedAt: T0 + 8 * 30_000, lastError: "Reset" });
    const changes = (id: string) =>
      db
        .select({ at: monitorStateChanges.at, from: monitorStateChanges.fromState, to: monitorStateChanges.toState })
        .from(monitorStateChanges)
        .where(eq(monitorStateChanges.monitorId, id))
        .all();
    expect(changes(batched)).toEqual(changes(single));
    const claims = (id: string) =>
      db
        .select({ status: statusClaims.status, since: statusClaims.since, endedAt: statusClaims.endedAt })
        .from(statusClaims)
        .where(eq(statusClaims.sourceId, id))
        .all();
    expect(claims(batched)).toEqual(claims(single));
    expect(claims(batched)).toHaveLength(2);
    // The same rows, with the monitor's row written at each of the 3 state changes and once at the end (4
    // times) rather than after each of the 8 results.
    expect(singleWrites - (changed() - before)).toBe(8 - 4);
  });

  it("a batch across an hour boundary rolls up into both hours; pruning at 48 h keeps exactly the window", async () => {
    const built = emptyPage();
    db = built.db;
    const owner = addMember(db, "owner");
    const start = Date.UTC(2026, 0, 1);
    const ids = ["A", "B", "C"].map(
      (name) =>
        createMonitor(
          db,
          owner,
          { name, kind: "tcp", intervalSeconds: 30, config: { host: "127.0.0.1", port: 3192 } },
          start,
        ).id,
    );
    // One batch: each monitor's result 10 s before the hour and another's 10 s after, in one transaction.
    const boundary = start + HOUR;
    applyResults(
      db,
      [
        { monitorId: ids[0]!, result: up(100), at: boundary - 10_000 },
        { monitorId: ids[1]!, result: up(200), at: boundary - 10_000 },
        { monitorId: ids[0]!, result: up(300), at: boundary + 10_000 },
        { monitorId: ids[2]!, result: down("Connection refused"), at: boundary + 10_000 },
      ],
      boundary,
    );
    // The same monitor twice in one batch: the second result sees the first's streak.
    expect(db.select().from(monitors).where(eq(monitors.id, ids[0]!)).get()!.upStreak).toBe(2);
    await runMonitorUpkeep(db, start + 2 * HOUR + 1);
    const hours = db
      .select()
      .from(monitorRollups)
      .where(eq(monitorRollups.resolution, "hour"))
      .all()
      .map((h) => [ids.indexOf(h.monitorId), h.bucketStart - start, h.countUp, h.countDown, h.maxMs])
      .sort();
    expect(hours).toEqual([
      [0, 0, 1, 0, 100],
      [0, HOUR, 1, 0, 300],
      [1, 0, 1, 0, 200],
      [2, HOUR, 0, 1, null],
    ]);

    // Results every 30 s for 50 hours, in one batch per tick: after upkeep, only the last 48 h remain.
    const later = start + 10 * DAY;
    for (let at = later; at < later + 50 * HOUR; at += 30_000)
      applyResults(
        db,
        ids.map((monitorId) => ({ monitorId, result: up(50) })),
        at,
      );
    const now = later + 50 * HOUR;
    await runMonitorUpkeep(db, now);
    const kept = db.select({ at: monitorResults.at }).from(monitorResults).all();
    expect(Math.min(...kept.map((k) => k.at))).toBe(now - 2 * DAY);
    expect(kept).toHaveLength(3 * ((2 * DAY) / 30_000));
  });
});

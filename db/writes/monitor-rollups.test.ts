// Pruning by an id bound: ids only roughly follow time (a batch carries each check's own finish time), so the
// rule must hold for rows written out of order, and it must never read the whole table.
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { monitorResults, monitorRollups } from "@/db/schema";
import { DAY, HOUR } from "@/core/time";
import { addMember, emptyPage } from "@/services/testing/scenario";
import { createMonitor } from "@/services/monitors/verbs";
import { pruneMonitorData, RESULT_SQL, pruneResults, summariseResults, upsertRollups } from "./monitor-rollups";

let db: Db;
afterEach(() => db?.$client.close());

const start = Date.UTC(2026, 0, 1);

function twoMonitors() {
  db = emptyPage().db;
  const owner = addMember(db, "owner");
  return ["A", "B"].map(
    (name) =>
      createMonitor(
        db,
        owner,
        { name, kind: "tcp", intervalSeconds: 30, config: { host: "127.0.0.1", port: 3192 } },
        start,
      ).id,
  );
}

function insert(monitorId: string, at: number, responseMs = 10) {
  db.insert(monitorResults).values({ monitorId, at, outcome: "up", responseMs }).run();
}

describe("pruning monitor results", () => {
  it("drops every row older than 48 h and keeps every newer one, whatever order their ids are in", () => {
    const [a, b] = twoMonitors() as [string, string];
    const now = start + 3 * DAY;
    const cutoff = now - 2 * DAY;
    // Ids: a new row first, then old rows, then a row just at the cutoff, then an old row written late.
    insert(a, cutoff + HOUR);
    insert(a, cutoff - DAY);
    insert(b, cutoff - 1);
    insert(b, cutoff);
    insert(a, cutoff + 1);
    insert(b, cutoff - HOUR);
    insert(b, now);
    expect(pruneResults(db, cutoff)).toBe(3);
    const kept = db
      .select({ monitorId: monitorResults.monitorId, at: monitorResults.at })
      .from(monitorResults)
      .all()
      .map((r) => [r.monitorId === a ? "a" : "b", r.at - cutoff])
      .sort();
    expect(kept).toEqual([
      ["a", 1],
      ["a", HOUR],
      ["b", 0],
      ["b", 2 * DAY],
    ]);
    // Nothing older is left: pruning again deletes nothing.
    expect(pruneResults(db, cutoff)).toBe(0);
  });

  it("leaves the roll-ups of the pruned hours as they were", () => {
    const [a, b] = twoMonitors() as [string, string];
    for (let at = start; at < start + 3 * HOUR; at += 30_000) {
      insert(a, at, 10 + ((at / 30_000) % 7));
      insert(b, at, 40);
    }
    for (let hour = start; hour < start + 3 * HOUR; hour += HOUR)
      upsertRollups(db, "hour", hour, summariseResults(db, hour, hour + HOUR));
    const before = db.select().from(monitorRollups).all();
    expect(before).toHaveLength(6);
    expect(before.every((r) => r.countUp === 120)).toBe(true);

    const pruned = pruneMonitorData(db, { results: start + 2 * HOUR, hour: 0, day: 0 });
    expect(pruned).toEqual({ results: 2 * 240, rollups: 0 });
    expect(db.select().from(monitorRollups).all()).toEqual(before);
    expect(db.select().from(monitorResults).all()).toHaveLength(240);
    // The hour still in raw results summarises as it did.
    expect(summariseResults(db, start + 2 * HOUR, start + 3 * HOUR).get(b)).toMatchObject({
      countUp: 120,
      avgMs: 40,
    });
  });

  it("reads results through the (monitor, at) index, the only index on them", () => {
    twoMonitors();
    const client = db.$client;
    const indexes = client
      .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'monitor_results'")
      .pluck()
      .all();
    expect(indexes).toEqual(["monitor_results_monitor_at_idx"]);
    const plan = (sql: string) =>
      (
        client.prepare(`explain query plan ${sql}`).all(...Array<number>(sql.split("?").length - 1).fill(1)) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join("; ");
    for (const sql of [RESULT_SQL.resultsBetween, RESULT_SQL.newestIdBefore, RESULT_SQL.deleteResults]) {
      const detail = plan(sql);
      expect(detail).not.toMatch(/SCAN r\b|SCAN monitor_results/);
      expect(detail).toMatch(/monitor_results_monitor_at_idx|INTEGER PRIMARY KEY/);
    }
  });
});

// The prepared-statement result path writes exactly the rows the drizzle reference (recordMonitorResult) writes.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { monitorResults, monitors, monitorStateChanges, type Monitor } from "@/db/schema";
import { dampedStep } from "@/core/flap-damping";
import type { CheckOutcome } from "@/db/constants";
import { addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { createMonitor } from "@/services/monitors/verbs";
import { findMonitors } from "@/db/queries/monitors";
import { writeMonitorResult } from "./monitor-results";
import { recordMonitorResult, type RecordedResult } from "./monitors";

let db: Db;
afterEach(() => db?.$client.close());

const inputs: {
  outcome: CheckOutcome;
  responseMs: number | null;
  error: string | null;
  detail: Record<string, unknown> | null;
}[] = [
  { outcome: "up", responseMs: 12, error: null, detail: { statusCode: 200 } },
  { outcome: "down", responseMs: null, error: "Connection refused", detail: {} },
  { outcome: "down", responseMs: null, error: "Timed out after 5000 ms", detail: { code: "ETIMEDOUT" } },
  { outcome: "down", responseMs: null, error: "Connection refused", detail: null },
  { outcome: "slow", responseMs: 900, error: null, detail: { statusCode: 200, note: "ünïcode ✓" } },
  { outcome: "up", responseMs: 14, error: null, detail: { nested: { a: [1, 2] } } },
  { outcome: "up", responseMs: 15, error: null, detail: {} },
];

function run(write: typeof recordMonitorResult, id: string) {
  inputs.forEach((input, i) => {
    const at = T0 + (i + 1) * 30_000;
    db.transaction((tx) => {
      const monitor = tx.select().from(monitors).where(eq(monitors.id, id)).get() as Monitor;
      const step = dampedStep(monitor.state, monitor, input.outcome, monitor);
      write(tx, monitor, { at, ...input } as RecordedResult, step, at + 30_000);
    });
  });
}

describe("prepared result writes", () => {
  it("write the same result rows, monitor row and state changes as the drizzle reference", () => {
    db = emptyPage().db;
    const owner = addMember(db, "owner");
    const make = (name: string) =>
      createMonitor(
        db,
        owner,
        { name, kind: "tcp", intervalSeconds: 30, failuresBeforeDown: 2, config: { host: "127.0.0.1", port: 3192 } },
        T0,
      ).id;
    const reference = make("Reference");
    const prepared = make("Prepared");
    // Leased, as the scheduler leaves a monitor while its check runs: both paths must free it.
    db.update(monitors)
      .set({ leaseOwner: "x", leaseUntil: T0 + 60_000 })
      .run();
    run(recordMonitorResult, reference);
    run(writeMonitorResult, prepared);

    const results = (id: string) =>
      db.$client
        .prepare("select at, outcome, response_ms, error, detail from monitor_results where monitor_id = ? order by id")
        .all(id);
    expect(results(prepared)).toEqual(results(reference));
    expect(results(prepared)).toHaveLength(inputs.length);
    // The raw text too: drizzle's json mode (null stays SQL null) read back the same way.
    expect(
      db
        .select({ d: monitorResults.detail })
        .from(monitorResults)
        .where(eq(monitorResults.monitorId, prepared))
        .all()
        .map((r) => r.d),
    ).toEqual(inputs.map((i) => i.detail));

    const row = (id: string) => {
      const { id: _id, name: _name, ...rest } = db.select().from(monitors).where(eq(monitors.id, id)).get()!;
      return rest;
    };
    expect(row(prepared)).toEqual(row(reference));
    expect(row(prepared)).toMatchObject({ state: "up", leaseOwner: null, leaseUntil: null, lastResponseMs: 15 });

    const changes = (id: string) =>
      db
        .select({
          at: monitorStateChanges.at,
          from: monitorStateChanges.fromState,
          to: monitorStateChanges.toState,
          reason: monitorStateChanges.reason,
        })
        .from(monitorStateChanges)
        .where(eq(monitorStateChanges.monitorId, id))
        .all();
    expect(changes(prepared)).toEqual(changes(reference));
    expect(changes(prepared).map((c) => c.to)).toEqual(["up", "down", "degraded", "up"]);
  });

  it("findMonitors decodes rows exactly as drizzle's select does", () => {
    db = emptyPage().db;
    const owner = addMember(db, "owner");
    const ids = ["A", "B"].map(
      (name, i) =>
        createMonitor(
          db,
          owner,
          {
            name,
            kind: i ? "http" : "tcp",
            intervalSeconds: 30,
            slowThresholdMs: i ? 800 : null,
            config: i ? { url: "http://127.0.0.1:3382/", headers: { "x-a": "b" } } : { host: "127.0.0.1", port: 3192 },
          },
          T0,
        ).id,
    );
    db.update(monitors).set({ paused: true, lastError: "x" }).where(eq(monitors.id, ids[1]!)).run();
    const found = findMonitors(db, [...ids, "missing"]);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids)
      expect(found.get(id)).toStrictEqual(db.select().from(monitors).where(eq(monitors.id, id)).get());
    expect(found.get(ids[1]!)!.paused).toBe(true);
  });
});

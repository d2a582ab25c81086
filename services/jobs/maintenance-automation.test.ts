import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { components, incidents, incidentUpdates, notifications, pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { scheduleMaintenance } from "@/services/incidents/maintenance-verbs";
import { addComponent, addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { HOUR, MINUTE } from "@/core/time";
import { runMaintenanceAutomation } from "./maintenance-automation";

let db: Db;
afterEach(() => db?.$client.close());

const statusOf = (id: string) => db.select().from(components).where(eq(components.id, id)).get()!.status;
const row = (id: string) => db.select().from(incidents).where(eq(incidents.id, id)).get()!;
const timeline = (id: string) =>
  db
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, id))
    .orderBy(asc(incidentUpdates.displayAt))
    .all();

const owners = new WeakMap<Db, ReturnType<typeof addMember>>();
function scheduled(database: Db, pageComponents: string[], over: object = {}) {
  if (!owners.has(database)) owners.set(database, addMember(database, "owner"));
  const owner = owners.get(database)!;
  return scheduleMaintenance(
    database,
    owner,
    {
      name: "Upgrade",
      message: "m",
      scheduledFor: T0 + 2 * HOUR,
      scheduledUntil: T0 + 3 * HOUR,
      componentIds: pageComponents,
      remindBeforeMinutes: 30,
      ...over,
    },
    T0,
  ).id;
}

describe("runMaintenanceAutomation", () => {
  it("reminds once, starts at the start, completes at the end and restores the services", () => {
    const built = emptyPage();
    db = built.db;
    const vpn = addComponent(db, built.pageId, "VPN");
    const id = scheduled(db, [vpn]);
    expect(runMaintenanceAutomation(db, T0 + HOUR)).toEqual([]);
    expect(runMaintenanceAutomation(db, T0 + 90 * MINUTE)).toEqual([{ id, transition: "remind" }]);
    expect(runMaintenanceAutomation(db, T0 + 100 * MINUTE)).toEqual([]);
    expect(row(id).reminderQueuedAt).toBe(T0 + 90 * MINUTE);
    expect(runMaintenanceAutomation(db, T0 + 2 * HOUR)).toEqual([{ id, transition: "start" }]);
    expect(statusOf(vpn)).toBe("under_maintenance");
    expect(runMaintenanceAutomation(db, T0 + 2 * HOUR + MINUTE)).toEqual([]);
    expect(runMaintenanceAutomation(db, T0 + 3 * HOUR)).toEqual([{ id, transition: "complete" }]);
    expect(statusOf(vpn)).toBe("operational");
    expect(timeline(id).map((u) => [u.status, u.deliverNotifications])).toEqual([
      ["scheduled", true],
      ["in_progress", true],
      ["completed", true],
    ]);
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.kind),
    ).toEqual(["maintenance_scheduled", "maintenance_reminder", "maintenance_started", "maintenance_completed"]);
  });

  it("leaves windows without automation to people", () => {
    const built = emptyPage();
    db = built.db;
    const id = scheduled(db, [], { autoStart: false, autoComplete: false, remindBeforeMinutes: null });
    expect(runMaintenanceAutomation(db, T0 + 10 * HOUR)).toEqual([]);
    expect(row(id).status).toBe("scheduled");
  });

  it("catches up after downtime: no reminder and no 'started' notice for a window that has already ended", () => {
    const built = emptyPage();
    db = built.db;
    const vpn = addComponent(db, built.pageId, "VPN");
    const id = scheduled(db, [vpn]);
    expect(runMaintenanceAutomation(db, T0 + 5 * HOUR)).toEqual([{ id, transition: "start_and_complete" }]);
    expect(row(id)).toMatchObject({ status: "completed", reminderQueuedAt: null });
    expect(timeline(id).map((u) => [u.status, u.displayAt, u.deliverNotifications])).toEqual([
      ["scheduled", T0, true],
      ["in_progress", T0 + 2 * HOUR, false],
      ["completed", T0 + 3 * HOUR, false],
    ]);
    expect(statusOf(vpn)).toBe("operational");
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.kind),
    ).toEqual(["maintenance_scheduled"]);
  });

  it("a server started during a window starts it late, without a reminder", () => {
    const built = emptyPage();
    db = built.db;
    const vpn = addComponent(db, built.pageId, "VPN");
    const id = scheduled(db, [vpn]);
    expect(runMaintenanceAutomation(db, T0 + 2 * HOUR + 20 * MINUTE)).toEqual([{ id, transition: "start" }]);
    expect(row(id).reminderQueuedAt).toBeNull();
    expect(statusOf(vpn)).toBe("under_maintenance");
  });

  it("makes each transition exactly once when two processes tick at the same moment", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-ticks-"));
    const file = path.join(dir, "status.db");
    db = openDatabase(file);
    ensurePage(db, { name: "P", timeZone: "Etc/UTC", at: T0 });
    const pageId = db.select().from(pages).get()!.id;
    const ids = Array.from({ length: 20 }, (_, i) => addComponent(db, pageId, `Service ${i}`));
    const maintenances = ids.map((c) => scheduled(db, [c]));
    const root = path.resolve(import.meta.dirname, "../..");
    const tick = (at: number, startAt: number) =>
      new Promise<{ id: string; transition: string }[]>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            path.join(root, "node_modules/tsx/dist/cli.mjs"),
            "services/testing/tick-worker.ts",
            file,
            String(at),
            String(startAt),
          ],
          { cwd: root },
        );
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`tick exited ${code}`))));
      });
    for (const [at, transition] of [
      [T0 + 90 * MINUTE, "remind"],
      [T0 + 2 * HOUR, "start"],
      [T0 + 3 * HOUR, "complete"],
    ] as const) {
      const startAt = Date.now() + 2_500;
      const [a, b] = await Promise.all([tick(at, startAt), tick(at, startAt)]);
      const made = [...a, ...b];
      expect(
        made
          .filter((t) => t.transition === transition)
          .map((t) => t.id)
          .sort(),
      ).toEqual([...maintenances].sort());
      expect(made).toHaveLength(maintenances.length);
    }
    for (const id of maintenances)
      expect(timeline(id).map((u) => u.status)).toEqual(["scheduled", "in_progress", "completed"]);
    for (const id of ids) expect(statusOf(id)).toBe("operational");
    const sent = db.select().from(notifications).all();
    for (const kind of ["maintenance_reminder", "maintenance_started", "maintenance_completed"]) {
      expect(sent.filter((n) => n.kind === kind)).toHaveLength(maintenances.length);
    }
  }, 60_000);
});

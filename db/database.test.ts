import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseOpenError, openDatabase, type Db } from "./index";
import {
  componentStatusChanges,
  components,
  incidents,
  incidentUpdateComponents,
  incidentUpdates,
  pages,
} from "./schema";
import { insertComponent, setComponentStatus } from "./writes/components";
import { insertIncident, insertIncidentUpdate } from "./writes/incidents";
import { ensurePage } from "./writes/page";

const opened: Db[] = [];
function memoryDb(): Db {
  const db = openDatabase(":memory:");
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.$client.close();
});

describe("openDatabase", () => {
  it("creates the directory, enables WAL, foreign keys and a busy timeout, and migrates", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-db-"));
    const file = path.join(dir, "nested", "deeper", "status.db");
    const db = openDatabase(file);
    opened.push(db);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    const tables = db
      .all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`)
      .map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "pages",
        "components",
        "component_status_changes",
        "incidents",
        "subscribers",
        "deliveries",
        "users",
        "sessions",
        "api_keys",
        "audit_log",
      ]),
    );
  });

  it("opens an existing database again without migrating twice", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-db-"));
    const file = path.join(dir, "status.db");
    const first = openDatabase(file);
    ensurePage(first, { name: "Kept", timeZone: "Etc/UTC", at: 1 });
    first.$client.close();
    const second = openDatabase(file);
    opened.push(second);
    expect(
      second
        .select()
        .from(pages)
        .all()
        .map((p) => p.name),
    ).toEqual(["Kept"]);
  });

  it("fails with one line naming DATABASE_PATH when the path cannot be created", () => {
    expect(() => openDatabase("/proc/no-such-place/status.db")).toThrow(DatabaseOpenError);
    expect(() => openDatabase("/proc/no-such-place/status.db")).toThrow(
      /^Cannot open the database at DATABASE_PATH="\/proc\/no-such-place\/status\.db": /,
    );
  });

  it("enforces foreign keys", () => {
    const db = memoryDb();
    expect(() =>
      db
        .insert(components)
        .values({ id: "aaaaaaaaaaaa", pageId: "nosuchpage00", name: "x", position: 1, createdAt: 1, updatedAt: 1 })
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe("status writes", () => {
  it("records every status change in the history together with the cached status", () => {
    const db = memoryDb();
    ensurePage(db, { name: "P", timeZone: "Etc/UTC", at: 0 });
    const pageId = db.select().from(pages).get()!.id;
    const id = insertComponent(db, { pageId, name: "VPN", at: 100, actor: { source: "manual" } });
    expect(setComponentStatus(db, id, "partial_outage", 200, { source: "manual" })).toBe("operational");
    expect(setComponentStatus(db, id, "partial_outage", 250, { source: "manual" })).toBe("partial_outage");
    setComponentStatus(db, id, "operational", 300, { source: "automation" });
    const history = db.select().from(componentStatusChanges).where(eq(componentStatusChanges.componentId, id)).all();
    expect(history.map((h) => [h.at, h.status, h.previousStatus, h.source])).toEqual([
      [100, "operational", null, "manual"],
      [200, "partial_outage", "operational", "manual"],
      [300, "operational", "partial_outage", "automation"],
    ]);
    expect(db.select().from(components).where(eq(components.id, id)).get()!.status).toBe("operational");
  });

  it("writes an update's component changes and derives the incident's status and impact", () => {
    const db = memoryDb();
    ensurePage(db, { name: "P", timeZone: "Etc/UTC", at: 0 });
    const pageId = db.select().from(pages).get()!.id;
    const vpn = insertComponent(db, { pageId, name: "VPN", at: 1, actor: { source: "manual" } });
    const incidentId = db.transaction((tx) => {
      const id = insertIncident(tx, {
        pageId,
        kind: "incident",
        name: "VPN down",
        status: "investigating",
        startedAt: 10,
        at: 10,
        componentIds: [vpn],
      });
      insertIncidentUpdate(tx, {
        incidentId: id,
        status: "investigating",
        body: "Looking",
        displayAt: 10,
        at: 10,
        deliverNotifications: true,
        componentStatuses: { [vpn]: "major_outage" },
      });
      insertIncidentUpdate(tx, {
        incidentId: id,
        status: "resolved",
        body: "Fixed",
        displayAt: 20,
        at: 20,
        deliverNotifications: true,
        componentStatuses: { [vpn]: "operational" },
      });
      return id;
    });
    const incident = db.select().from(incidents).where(eq(incidents.id, incidentId)).get()!;
    expect(incident).toMatchObject({ status: "resolved", impact: "critical", resolvedAt: 20 });
    const updates = db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, incidentId)).all();
    const changes = db.select().from(incidentUpdateComponents).all();
    expect(
      changes.map((c) => [updates.find((u) => u.id === c.updateId)!.body, c.componentName, c.oldStatus, c.newStatus]),
    ).toEqual([
      ["Looking", "VPN", "operational", "major_outage"],
      ["Fixed", "VPN", "major_outage", "operational"],
    ]);
    const history = db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.incidentId, incidentId))
      .all();
    expect(history.map((h) => h.source)).toEqual(["incident", "incident"]);
  });

  it("rolls back the whole update when a component does not exist", () => {
    const db = memoryDb();
    ensurePage(db, { name: "P", timeZone: "Etc/UTC", at: 0 });
    const pageId = db.select().from(pages).get()!.id;
    expect(() =>
      db.transaction((tx) => {
        const id = insertIncident(tx, {
          pageId,
          kind: "incident",
          name: "Ghost",
          status: "investigating",
          startedAt: 1,
          at: 1,
          componentIds: [],
        });
        insertIncidentUpdate(tx, {
          incidentId: id,
          status: "investigating",
          body: "x",
          displayAt: 1,
          at: 1,
          deliverNotifications: true,
          componentStatuses: { nosuchcompnt: "major_outage" },
        });
      }),
    ).toThrow(/No component/);
    expect(db.select().from(incidents).all()).toHaveLength(0);
    expect(db.select().from(incidentUpdates).all()).toHaveLength(0);
  });
});

describe("openDatabase with impossible paths", () => {
  it("names DATABASE_PATH when a parent is a file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-db-"));
    fs.writeFileSync(path.join(dir, "plain-file"), "x");
    expect(() => openDatabase(path.join(dir, "plain-file", "sub", "status.db"))).toThrow(
      /^Cannot open the database at DATABASE_PATH=.*plain-file.*not a directory/,
    );
  });
});

describe("status history written after the fact", () => {
  it("places a past change by its time and keeps the newest status as the current one", () => {
    const db = memoryDb();
    ensurePage(db, { name: "P", timeZone: "Etc/UTC", at: 0 });
    const pageId = db.select().from(pages).get()!.id;
    const id = insertComponent(db, { pageId, name: "VPN", at: 100, actor: { source: "manual" } });
    setComponentStatus(db, id, "degraded_performance", 500, { source: "manual" });
    // A backfilled outage between 200 and 300.
    expect(setComponentStatus(db, id, "major_outage", 200, { source: "incident" })).toBe("operational");
    expect(setComponentStatus(db, id, "operational", 300, { source: "incident" })).toBe("major_outage");
    const history = db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, id))
      .all()
      .sort((a, b) => a.at - b.at);
    expect(history.map((h) => [h.at, h.status])).toEqual([
      [100, "operational"],
      [200, "major_outage"],
      [300, "operational"],
      [500, "degraded_performance"],
    ]);
    expect(db.select().from(components).where(eq(components.id, id)).get()!.status).toBe("degraded_performance");
  });
});

import { asc, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { DAY } from "@/core/time";
import { openDatabase, type Db } from "./index";
import { getComponentTree, getOverallStatus } from "./queries/status-page";
import { componentGroups, components, componentStatusChanges, incidents, incidentUpdates, pages } from "./schema";
import { seedDemo } from "./seed";
import { ensurePage } from "./writes/page";

const NOW = Date.UTC(2026, 10, 23, 15, 0, 0);
let db: Db;
afterEach(() => db?.$client.close());

function freshPage(): Db {
  db = openDatabase(":memory:");
  ensurePage(db, { name: "Example IT Services", timeZone: "Etc/UTC", at: NOW });
  return db;
}

describe("seedDemo", () => {
  it("creates the IT department's groups and services in order", () => {
    freshPage();
    expect(seedDemo(db, { now: NOW })).toEqual({ seeded: true });
    const page = db.select().from(pages).get()!;
    const tree = getComponentTree(db, page.id);
    expect(tree.map((row) => (row.type === "group" ? row.group.name : row.component.name))).toEqual([
      "Email & Collaboration",
      "Network & Remote Access",
      "Business Applications",
      "Service Desk",
      "Single Sign-On",
      "Printing",
    ]);
    const email = tree[0];
    expect(email.type === "group" && email.components.map((c) => c.name)).toEqual([
      "Email",
      "Webmail",
      "Chat & Meetings",
      "File Sharing",
    ]);
    expect(getOverallStatus(db, page.id)).toEqual({ indicator: "none", description: "All Systems Operational" });
  });

  it("writes 90 days of history: resolved incidents with updates, a completed and an upcoming maintenance", () => {
    freshPage();
    seedDemo(db, { now: NOW });
    const all = db.select().from(incidents).orderBy(asc(incidents.startedAt)).all();
    const resolved = all.filter((i) => i.kind === "incident");
    expect(resolved.length).toBeGreaterThanOrEqual(4);
    for (const incident of resolved) {
      expect(incident.status).toBe("resolved");
      expect(incident.startedAt).toBeGreaterThan(NOW - 90 * DAY);
      const updates = db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, incident.id)).all();
      expect(updates.length).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(resolved.map((i) => i.impact))).toEqual(new Set(["minor", "major", "critical"]));
    const upcoming = all.filter((i) => i.kind === "maintenance" && i.status === "scheduled");
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0].scheduledFor).toBeGreaterThan(NOW);
    expect(all.some((i) => i.kind === "maintenance" && i.status === "completed")).toBe(true);
    expect(resolved.some((i) => i.postmortemBody && i.postmortemPublishedAt)).toBe(true);

    // Every service starts with an operational history row and ends operational.
    const history = db.select().from(componentStatusChanges).all();
    const services = db.select().from(components).all();
    for (const service of services) {
      const rows = history.filter((h) => h.componentId === service.id).sort((a, b) => a.at - b.at);
      expect(rows[0].status).toBe("operational");
      expect(rows.at(-1)!.status).toBe(service.status);
      expect(service.status).toBe("operational");
    }
    expect(history.filter((h) => h.status !== "operational").length).toBeGreaterThanOrEqual(6);
  });

  it("refuses to run on a database that already has content, unless forced", () => {
    freshPage();
    seedDemo(db, { now: NOW });
    const before = db
      .select({ n: sql<number>`count(*)` })
      .from(components)
      .get()!.n;
    expect(seedDemo(db, { now: NOW })).toMatchObject({ seeded: false });
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(components)
        .get()!.n,
    ).toBe(before);
    expect(seedDemo(db, { now: NOW, force: true })).toEqual({ seeded: true });
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(components)
        .get()!.n,
    ).toBe(before);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(componentGroups)
        .get()!.n,
    ).toBe(4);
  });

  it("does nothing without a page", () => {
    db = openDatabase(":memory:");
    expect(seedDemo(db, { now: NOW })).toMatchObject({ seeded: false });
  });
});

// Every write that changes what visitors see bumps the public content version, so the page cache cannot
// serve stale content after it, and the change watcher sees writes made by another connection.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { watchPublicChanges } from "@/db/change-watcher";
import { publicContentVersion } from "@/lib/public-cache";
import { writeAppState, ensurePage } from "./page";
import { insertComponent, insertGroup, setComponentStatus } from "./components";
import { insertIncident, insertIncidentUpdate } from "./incidents";
import { pages } from "../schema";

function bumps(write: () => unknown): boolean {
  const before = publicContentVersion();
  write();
  return publicContentVersion() > before;
}

describe("public content version", () => {
  it("is bumped by every public write", () => {
    const db = openDatabase(":memory:");
    expect(bumps(() => ensurePage(db, { name: "P", timeZone: "Etc/UTC", at: 1 }))).toBe(true);
    const pageId = db.select().from(pages).get()!.id;
    let groupId = "";
    let componentId = "";
    let incidentId = "";
    expect(bumps(() => (groupId = insertGroup(db, { pageId, name: "G", at: 2 })))).toBe(true);
    expect(bumps(() => (componentId = insertComponent(db, { pageId, groupId, name: "C", at: 3, actor: { source: "manual" } })))).toBe(true);
    expect(bumps(() => setComponentStatus(db, componentId, "major_outage", 4, { source: "manual" }))).toBe(true);
    expect(bumps(() => (incidentId = insertIncident(db, { pageId, kind: "incident", name: "I", status: "investigating", startedAt: 5, at: 5, componentIds: [componentId] })))).toBe(true);
    expect(
      bumps(() => insertIncidentUpdate(db, { incidentId, status: "identified", body: "b", displayAt: 6, at: 6, deliverNotifications: false })),
    ).toBe(true);
    // Private state does not empty the public cache.
    expect(bumps(() => writeAppState(db, "k", "v", 7))).toBe(false);
    db.$client.close();
  });

  it("sees public writes from another connection, and ignores private ones", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "watch-"));
    const file = path.join(dir, "status.db");
    const writer = openDatabase(file);
    ensurePage(writer, { name: "P", timeZone: "Etc/UTC", at: 1 });
    const watcher = watchPublicChanges(file);
    expect(watcher.changed()).toBe(false);
    writeAppState(writer, "private", "x", 2);
    expect(watcher.changed()).toBe(false);
    const pageId = writer.select().from(pages).get()!.id;
    insertComponent(writer, { pageId, name: "C", at: 3, actor: { source: "manual" } });
    expect(watcher.changed()).toBe(true);
    expect(watcher.changed()).toBe(false);
    watcher.close();
    writer.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

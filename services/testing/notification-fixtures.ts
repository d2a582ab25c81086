// Test data for the notification pipeline: a database file with a page, components, an incident with an
// update, and as many confirmed subscribers as asked for.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/db";
import { subscribers } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { enqueueNotification } from "@/db/writes/outbox";
import { ensurePage } from "@/db/writes/page";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { newId } from "@/core/ids";

export function tempDbFile(label = "notify"): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), `status-${label}-`)), "status.db");
}

export interface World {
  db: Db;
  file: string;
  pageId: string;
  webmail: string;
  vpn: string;
}

export function makeWorld(file = tempDbFile()): World {
  const db = openDatabase(file);
  ensurePage(db, { name: "Example IT", timeZone: "Europe/Berlin", at: 0 });
  const pageId = db.query.pages.findFirst().sync()!.id;
  const webmail = insertComponent(db, { pageId, name: "Webmail", at: 1, actor: { source: "manual" } });
  const vpn = insertComponent(db, { pageId, name: "VPN", at: 1, actor: { source: "manual" } });
  return { db, file, pageId, webmail, vpn };
}

/** Confirmed subscribers to everything, inserted in one statement per 500 (fast for 10,000). */
export function addConfirmedSubscribers(world: World, count: number, prefix = "user"): string[] {
  const ids: string[] = [];
  const rows = Array.from({ length: count }, (_, i) => {
    const id = newId();
    ids.push(id);
    return {
      id,
      pageId: world.pageId,
      kind: "email" as const,
      email: `${prefix}${i}@example.com`,
      state: "active" as const,
      confirmedAt: 1,
      createdAt: 1,
      updatedAt: 1,
    };
  });
  world.db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += 500)
      tx.insert(subscribers)
        .values(rows.slice(i, i + 500))
        .run();
  });
  return ids;
}

export { insertEmailSubscriber };

/** Opens an incident on Webmail with its first update and enqueues the notification, in one transaction. */
export function openIncident(world: World, name = "Webmail slow to load", at = Date.UTC(2026, 10, 23, 15, 6)) {
  return world.db.transaction((tx) => {
    const incidentId = insertIncident(tx, {
      pageId: world.pageId,
      kind: "incident",
      name,
      status: "investigating",
      startedAt: at,
      at,
      componentIds: [world.webmail],
    });
    const updateId = insertIncidentUpdate(tx, {
      incidentId,
      status: "investigating",
      body: "Pages take **a minute** to load. <script>alert(1)</script>",
      displayAt: at,
      at,
      deliverNotifications: true,
      componentStatuses: { [world.webmail]: "degraded_performance" },
    });
    const notificationId = enqueueNotification(tx, {
      pageId: world.pageId,
      kind: "incident_created",
      incidentId,
      incidentUpdateId: updateId,
      at,
    });
    return { incidentId, updateId, notificationId };
  });
}

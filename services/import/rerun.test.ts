// Re-running an import against a source that changed, on the fake Statuspage (127.0.0.1) and a real SQLite
// file: an incident's update rows are updated in place (their ids, and the votes pointing at them, stay), new
// updates are added and deleted ones removed; what is gone at the source is listed in the preview and removed
// only with --prune, services soft-deleted as the console does.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { openDatabase, type Db } from "@/db";
import {
  auditLog,
  componentGroups,
  components,
  componentStatusChanges,
  importMappings,
  incidents,
  incidentUpdates,
  updateVotes,
} from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { upsertVote } from "@/db/writes/update-votes";
import { startFakeStatuspage, type FakeStatuspage } from "@/services/testing/fake-statuspage";
import { tempDbFile } from "@/services/testing/notification-fixtures";
import { runStatuspageImport, type StatuspageImportOptions } from "./command";

const FAST = { intervalMs: 0, retryWaitMs: () => 5, maxRateLimitWaits: 60, maxNetworkRetries: 2 };
let fake: FakeStatuspage;
let db: Db;

beforeEach(async () => {
  fake = await startFakeStatuspage({ port: 3371, subscribers: 20, incidents: 30, maintenances: 4 });
  db = openDatabase(tempDbFile("import-rerun"));
  ensurePage(db, { name: "Our status", timeZone: "Etc/UTC", at: Date.now() - 1000 });
});
afterEach(async () => {
  db.$client.close();
  await fake.close();
});

const run = (extra: Partial<StatuspageImportOptions> = {}) =>
  runStatuspageImport(db, {
    pageId: fake.pageId,
    apiKey: fake.apiKey,
    apiUrl: fake.apiUrl,
    pace: FAST,
    yes: true,
    ...extra,
  });

const incidentNamed = (name: string) => db.select().from(incidents).where(eq(incidents.name, name)).get()!;
const updatesOf = (incidentId: string) =>
  db
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .all()
    .sort((a, b) => a.displayAt - b.displayAt);

describe("re-running an import", { timeout: 60_000 }, () => {
  it("updates an incident's update rows in place: unchanged ids stay, new ones are added, deleted ones go", async () => {
    expect((await run()).code).toBe(0);
    const source = fake.data.incidents.find((i) => i.incident_updates.length >= 3)!;
    const before = updatesOf(incidentNamed(source.name).id);
    expect(before.length).toBe(source.incident_updates.length);
    upsertVote(db, { updateId: before[0].id, voterKey: "voter-1", helpful: true, comment: null }, Date.now());

    // At the source: the first update's words edited, the second deleted, one added at the end.
    const byTime = () =>
      [...source.incident_updates].sort((a, b) => Date.parse(a.display_at) - Date.parse(b.display_at));
    const [first, second] = byTime();
    first.body = "Edited at the source";
    source.incident_updates.splice(source.incident_updates.indexOf(second), 1);
    const last = byTime()[source.incident_updates.length - 1];
    const later = new Date(Date.parse(last.display_at) + 60_000).toISOString();
    source.incident_updates.push({
      ...last,
      id: "newupdate001",
      body: "Added later",
      display_at: later,
      created_at: later,
    });
    const again = await run();
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("incidents and maintenances: 1 to update");

    const after = updatesOf(incidentNamed(source.name).id);
    expect(after.map((u) => u.body)).toEqual(byTime().map((u) => u.body));
    expect(after[0].id).toBe(before[0].id);
    expect(after[0].body).toBe("Edited at the source");
    // Every update that still exists at the source keeps its row; the deleted one is gone, the new one is new.
    const kept = before.filter((u) => u.id !== before[1].id).map((u) => u.id);
    expect(after.map((u) => u.id).slice(0, kept.length)).toEqual(kept);
    expect(after.map((u) => u.id)).not.toContain(before[1].id);
    expect(after[after.length - 1].body).toBe("Added later");
    expect(db.select().from(updateVotes).where(eq(updateVotes.updateId, before[0].id)).all()).toHaveLength(1);
    const mapped = db
      .select()
      .from(importMappings)
      .where(and(eq(importMappings.kind, "update"), eq(importMappings.externalId, "newupdate001")))
      .get()!;
    expect(mapped.localId).toBe(after[after.length - 1].id);

    // A third run with nothing changed rewrites nothing.
    const third = await run();
    expect(third.out).toContain("Nothing to import");
    expect(updatesOf(incidentNamed(source.name).id).map((u) => u.id)).toEqual(after.map((u) => u.id));
  });

  it("finds update rows an import made before update ids were remembered by their time and status", async () => {
    expect((await run()).code).toBe(0);
    db.delete(importMappings).where(eq(importMappings.kind, "update")).run();
    const source = fake.data.incidents[7];
    const before = updatesOf(incidentNamed(source.name).id).map((u) => u.id);
    source.name = "Renamed at the source";
    expect((await run()).code).toBe(0);
    expect(updatesOf(incidentNamed("Renamed at the source").id).map((u) => u.id)).toEqual(before);
  });

  it("lists what is gone at the source and keeps it unless --prune; with --prune removes it", async () => {
    expect((await run()).code).toBe(0);
    const [goneComponent] = fake.data.components.splice(
      fake.data.components.findIndex((c) => c.name === "Printing"),
      1,
    );
    const goneIncident = fake.data.incidents.splice(2, 1)[0];
    const goneMaintenance = fake.data.maintenances.splice(0, 1)[0];
    const groupIndex = fake.data.groups.findIndex((g) => g.name === "Teaching");
    const [goneGroup] = fake.data.groups.splice(groupIndex, 1);
    for (const c of fake.data.components) if (c.group_id === goneGroup.id) c.group_id = null;

    const preview = await run({ yes: false });
    expect(preview.out).toContain("Gone at the source (4), kept here: add --prune to remove them:");
    expect(preview.out).toContain('service "Printing"');
    expect(preview.out).toContain('group "Teaching"');
    expect(preview.out).toContain(`incident "${goneIncident.name}"`);
    expect(preview.out).toContain(`maintenance "${goneMaintenance.name}"`);

    // By default nothing is removed.
    const kept = await run();
    expect(kept.code, kept.out).toBe(0);
    expect(kept.out).toContain("kept here: add --prune to remove them");
    const printing = db.select().from(components).where(eq(components.name, goneComponent.name)).get()!;
    expect(printing.deletedAt).toBeNull();
    expect(db.select().from(componentGroups).where(eq(componentGroups.name, "Teaching")).all()).toHaveLength(1);
    expect(db.select().from(incidents).where(eq(incidents.name, goneIncident.name)).all()).toHaveLength(1);

    const pruned = await run({ prune: true });
    expect(pruned.code, pruned.out).toBe(0);
    expect(pruned.out).toContain("Gone at the source (4), removed here by this import (--prune):");
    expect(pruned.out).toContain("removed 2 services and groups gone at the source");
    expect(pruned.out).toContain("removed 2 incidents and maintenances gone at the source");
    // The service is soft-deleted, as the console deletes one; the group's remaining services move out.
    expect(db.select().from(components).where(eq(components.id, printing.id)).get()!.deletedAt).not.toBeNull();
    expect(db.select().from(componentGroups).where(eq(componentGroups.name, "Teaching")).all()).toEqual([]);
    const learning = db.select().from(components).where(eq(components.name, "Learning platform")).get()!;
    expect(learning).toMatchObject({ groupId: null, deletedAt: null });
    expect(db.select().from(incidents).where(eq(incidents.name, goneIncident.name)).all()).toEqual([]);
    expect(db.select().from(incidents).where(eq(incidents.name, goneMaintenance.name)).all()).toEqual([]);
    const incidentIds = new Set(
      db
        .select({ id: incidents.id })
        .from(incidents)
        .all()
        .map((i) => i.id),
    );
    expect(
      db
        .select()
        .from(componentStatusChanges)
        .all()
        .filter((h) => h.incidentId && !incidentIds.has(h.incidentId)),
    ).toEqual([]);
    const entries = db.select().from(auditLog).where(eq(auditLog.action, "import.statuspage")).all();
    expect(entries.some((e) => JSON.stringify(e.detail).includes('"pruned":{"services":1,"groups":1}'))).toBe(true);

    // Pruned means forgotten: the next run has nothing gone and nothing to do.
    const after = await run({ prune: true });
    expect(after.out).not.toContain("Gone at the source");
    expect(after.out).toContain("Nothing to import");
    expect(db.select().from(components).where(isNull(components.deletedAt)).all()).toHaveLength(11);
  });

  it("--from-url never calls older incidents gone (the public API shows only recent ones)", async () => {
    const fromUrl = { pageId: undefined, apiKey: undefined, fromUrl: fake.publicUrl };
    expect((await run(fromUrl)).code).toBe(0);
    fake.data.incidents.splice(0, 5);
    const again = await run({ ...fromUrl, yes: false });
    expect(again.out).not.toContain("Gone at the source");
  });
});

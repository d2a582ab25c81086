// The Statuspage importer against the fake Statuspage on 127.0.0.1 and a real SQLite file: the imported page
// matches the source (services, groups, order, statuses, incident history, uptime shape, subscribers), a second
// run duplicates nothing, and bad answers (wrong key or page, 429 storms, dropped connections, odd objects) are
// handled with a clear message and nothing half-written. Nobody is notified.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { count, eq, ne } from "drizzle-orm";
import { openDatabase, type Db } from "@/db";
import {
  auditLog,
  componentGroups,
  components,
  componentStatusChanges,
  deliveries,
  importMappings,
  incidents,
  incidentTemplates,
  incidentUpdates,
  notifications,
  pages,
  subscriberComponents,
  subscribers,
} from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { insertComponent } from "@/db/writes/components";
import { insertEmailSubscriber, unsubscribe } from "@/db/writes/subscribers";
import { apiContext, buildV2 } from "@/services/api/v2";
import { startFakeStatuspage, type FakeStatuspage } from "@/services/testing/fake-statuspage";
import { tempDbFile } from "@/services/testing/notification-fixtures";
import { runStatuspageImport, type StatuspageImportOptions } from "./command";

const FAST = { intervalMs: 0, retryWaitMs: () => 5, maxRateLimitWaits: 60, maxNetworkRetries: 2 };
let fake: FakeStatuspage;
let db: Db;

beforeEach(async () => {
  fake = await startFakeStatuspage({ port: 3182 });
  db = openDatabase(tempDbFile("import"));
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
const rows = (table: Parameters<Db["select"]>[0] extends never ? never : any) =>
  db.select({ n: count() }).from(table).get()!.n;

function written() {
  return {
    groups: rows(componentGroups),
    components: rows(components),
    incidents: db.select({ n: count() }).from(incidents).where(eq(incidents.kind, "incident")).get()!.n,
    maintenances: db.select({ n: count() }).from(incidents).where(eq(incidents.kind, "maintenance")).get()!.n,
    updates: rows(incidentUpdates),
    templates: rows(incidentTemplates),
    emails: db.select({ n: count() }).from(subscribers).where(eq(subscribers.kind, "email")).get()!.n,
    webhooks: db.select({ n: count() }).from(subscribers).where(eq(subscribers.kind, "webhook")).get()!.n,
    scoped: rows(subscriberComponents),
    history: rows(componentStatusChanges),
    mappings: rows(importMappings),
  };
}

/** The components list of a summary, by name, with what a visitor sees of each. */
function visible(list: Record<string, unknown>[]) {
  const groups = new Map(list.filter((c) => c.group).map((g) => [g.id, g.name]));
  return list
    .filter((c) => !c.group)
    .map((c) => ({
      name: c.name,
      status: c.status,
      description: c.description,
      group: c.group_id ? groups.get(c.group_id) : null,
      showcase: c.showcase,
      only_show_if_degraded: c.only_show_if_degraded,
      start_date: c.start_date,
    }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

describe("npm run admin -- import statuspage", { timeout: 60_000 }, () => {
  it("previews without writing, then imports a page that matches its source, notifying nobody", async () => {
    const preview = await run({ yes: false });
    expect(preview.code).toBe(0);
    expect(preview.out).toContain("services: 12 to create");
    expect(preview.out).toContain("incidents and maintenances: 210 to create");
    expect(preview.out).toContain('subscriber "+49301230011": SMS subscribers: this installation has no SMS channel');
    expect(preview.out).toContain("Nothing written");
    expect(written().components).toBe(0);

    const result = await run();
    expect(result.code, result.out).toBe(0);
    const src = fake.data;
    const sourceEmails = src.subscribers.filter((s) => s.mode === "email");
    const w = written();
    expect(w).toMatchObject({
      groups: 3,
      components: 12,
      incidents: 200,
      maintenances: 10,
      updates: [...src.incidents, ...src.maintenances].reduce((n, i) => n + i.incident_updates.length, 0),
      templates: 3,
      emails: sourceEmails.length,
      webhooks: src.subscribers.filter((s) => s.mode === "webhook").length,
      scoped: src.subscribers.filter((s) => s.mode !== "sms" && s.components.length).length,
    });
    expect(db.select().from(subscribers).where(ne(subscribers.state, "active")).all()).toEqual([]);
    expect(db.select().from(subscribers).where(eq(subscribers.origin, "import")).all()).toHaveLength(
      w.emails + w.webhooks,
    );
    // Nobody hears of imported history: nothing in the outbox.
    expect(rows(notifications)).toBe(0);
    expect(rows(deliveries)).toBe(0);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "import.statuspage")).all().length).toBeGreaterThan(0);

    const page = db.select().from(pages).get()!;
    expect(page).toMatchObject({
      name: "Example University IT",
      timeZone: "Europe/Berlin",
      url: "https://status.example.edu",
    });

    // The public summary shows the same services, groups and statuses as the source's.
    const ours = buildV2(db, apiContext(db)!, "summary.json") as { components: Record<string, unknown>[] };
    const theirs = await (await fetch(`${fake.publicUrl}/api/v2/summary.json`)).json();
    expect(visible(ours.components)).toEqual(visible(theirs.components));
    expect(ours.components.filter((c) => c.group).map((g) => g.name)).toEqual([
      "Communication",
      "Teaching",
      "Infrastructure",
    ]);
    expect(
      ours.components
        .filter((c) => !c.group)
        .map((c) => c.name)
        .slice(0, 3),
    ).toEqual(["Mail", "Chat", "Video calls"]);

    // Uptime shape: every non-operational stretch of the source's updates is one history row here.
    for (const c of src.components) {
      const local = db.select().from(components).where(eq(components.name, c.name)).get()!;
      const bad = db
        .select()
        .from(componentStatusChanges)
        .where(eq(componentStatusChanges.componentId, local.id))
        .all()
        .filter((h) => h.status !== "operational");
      const expected = [...src.incidents, ...src.maintenances]
        .flatMap((i) => i.incident_updates)
        .flatMap((u) => u.affected_components ?? [])
        .filter((a) => a.code === c.id && a.new_status !== "operational").length;
      expect(bad.length, c.name).toBe(expected);
      expect(local.status).toBe(c.status);
    }
    const open = db.select().from(incidents).where(eq(incidents.status, "identified")).all();
    expect(open).toHaveLength(1);
    expect(
      db
        .select()
        .from(incidents)
        .all()
        .filter((i) => i.postmortemBody).length,
    ).toBe(8);
  });

  it("run twice: the second run changes nothing; a changed source object is updated, not duplicated", async () => {
    await run();
    const first = written();
    const again = await run();
    expect(again.out).toContain("Nothing to import");
    expect(again.out).toContain("services: 12 unchanged");
    expect(written()).toEqual(first);

    fake.data.incidents[5].name = "Renamed at the source";
    fake.data.components[0].description = "New words";
    const third = await run();
    expect(third.out).toContain("1 to update");
    expect(written()).toEqual(first);
    expect(db.select().from(incidents).where(eq(incidents.name, "Renamed at the source")).all()).toHaveLength(1);
    expect(db.select().from(components).where(eq(components.description, "New words")).all()).toHaveLength(1);
    expect(rows(notifications)).toBe(0);

    // Erased here after the import: a re-run does not bring the subscriber back.
    const erased = db.select().from(subscribers).where(eq(subscribers.email, "person3@example.com")).get()!;
    db.delete(subscribers).where(eq(subscribers.id, erased.id)).run();
    const fourth = await run();
    expect(fourth.out).toContain(
      'subscriber "person3@example.com": deleted here since the last import; not imported again',
    );
    expect(db.select().from(subscribers).where(eq(subscribers.email, "person3@example.com")).all()).toEqual([]);
  });

  it("a wrong key or page id: a clear message and nothing written", async () => {
    const key = await run({ apiKey: "wrong" });
    expect(key).toMatchObject({ code: 1 });
    expect(key.out).toContain("Statuspage refused the API key (HTTP 401). Check --api-key");
    const page = await run({ pageId: "nosuchpage00" });
    expect(page.out).toContain('Statuspage has no page "nosuchpage00"');
    expect(written()).toMatchObject({ components: 0, groups: 0, mappings: 0, emails: 0 });
  });

  it("waits out a 429 storm and completes", async () => {
    fake.storm(25);
    const lines: string[] = [];
    const result = await run({ log: (l) => lines.push(l) });
    expect(result.code, result.out).toBe(0);
    expect(lines, lines.join("\n")).toContain("Waited out 25 rate-limit answers (429).");
    expect(written().incidents).toBe(200);
  });

  it("keeps to the pace asked for (one request per interval)", async () => {
    fake.data.subscribers.splice(100);
    fake.data.incidents.splice(50);
    const started = Date.now();
    const result = await run({ pace: { ...FAST, intervalMs: 40 } });
    expect(result.code).toBe(0);
    const requests = fake.requests().length;
    expect(Date.now() - started).toBeGreaterThanOrEqual((requests - 1) * 40);
  });

  it("a connection dropped mid-read writes nothing; the re-run completes", async () => {
    fake.dropMatching("/subscribers");
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("Lost the connection to Statuspage while reading /subscribers");
    expect(written()).toMatchObject({ components: 0, incidents: 0, mappings: 0 });
    fake.dropMatching(null);
    fake.dropNext(1);
    const again = await run();
    expect(again.code, again.out).toBe(0);
    expect(written().emails).toBe(fake.data.subscribers.filter((s) => s.mode === "email").length);
  });

  it("unknown and missing fields, components that are gone, duplicate addresses", async () => {
    const d = fake.data as unknown as Record<string, Record<string, unknown>[]>;
    Object.assign(d.components[0], { brand_new_field: { x: 1 } });
    delete d.components[1].description;
    delete d.components[2].showcase;
    delete d.incidents[3].name;
    const gone = fake.data.incidents[4];
    gone.incident_updates[0].affected_components = [
      { code: "zzzzzzzzzzzz", name: "Fax", old_status: "operational", new_status: "major_outage" },
    ];
    gone.components.push({ ...gone.components[0], id: "zzzzzzzzzzzz", name: "Fax" });
    fake.data.subscribers.push({ ...fake.data.subscribers[0], id: "dup000000001", email: "PERSON0@Example.com" });
    fake.data.subscribers.push({ ...fake.data.subscribers[0], id: "bad000000001", email: "not an address" });

    const result = await run();
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/incident ".*": unreadable \(name: /);
    expect(result.out).toContain(`incident "${gone.name}": component zzzzzzzzzzzz no longer exists at the source`);
    expect(result.out).toContain('subscriber "PERSON0@Example.com": duplicate of person0@example.com (same address)');
    expect(result.out).toContain('subscriber "not an address": no valid email address');
    const w = written();
    expect(w.incidents).toBe(199);
    expect(w.emails).toBe(fake.data.subscribers.filter((s) => s.mode === "email").length - 2);
    expect(db.select().from(incidents).where(eq(incidents.name, gone.name)).all()).toHaveLength(1);
    expect(db.select().from(components).where(eq(components.name, fake.data.components[2].name)).get()!.showcase).toBe(
      true,
    );
  });

  it("merges with services and subscribers already here; never re-subscribes an address that left", async () => {
    const pageId = db.select().from(pages).get()!.id;
    const vpn = insertComponent(db, { pageId, name: "vpn", at: Date.now(), actor: { source: "manual" } });
    const left = insertEmailSubscriber(db, { pageId, email: "person1@example.com", state: "active", at: Date.now() });
    unsubscribe(db, left, Date.now());
    insertEmailSubscriber(db, { pageId, email: "person2@example.com", state: "active", at: Date.now() });
    fake.data.page.time_zone = "Mountain Time (US & Canada)";
    const result = await run();
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("services: 11 to create, 1 to merge with one already here");
    expect(result.out).toContain('subscriber "person1@example.com": unsubscribed here; not subscribed again');
    expect(result.out).toContain('page time zone "Mountain Time (US & Canada)" is not an IANA time zone');
    expect(db.select().from(pages).get()!.timeZone).toBe("Etc/UTC");
    expect(written().components).toBe(12);
    expect(db.select().from(components).where(eq(components.id, vpn)).get()!.name).toBe("VPN");
    expect(db.select().from(subscribers).where(eq(subscribers.id, left)).get()!.state).toBe("unsubscribed");
    expect(db.select().from(subscribers).where(eq(subscribers.email, "person2@example.com")).all()).toHaveLength(1);
  });

  it("--from-url imports what the public /api/v2 shows and says what it could not", async () => {
    const result = await run({ pageId: undefined, apiKey: undefined, fromUrl: fake.publicUrl });
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("Not available from this source");
    expect(result.out).toContain(
      "subscribers (the public API does not list them: import with the page id and an API key)",
    );
    expect(written()).toMatchObject({ groups: 3, components: 12, incidents: 50, maintenances: 10, emails: 0 });
    expect((await run({ pageId: undefined, apiKey: undefined, fromUrl: fake.publicUrl })).out).toContain(
      "Nothing to import",
    );
    const bad = await run({ pageId: undefined, apiKey: undefined, fromUrl: `${fake.publicUrl}/nothing-here` });
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.out).toContain("is it a Statuspage page?");
  });
});

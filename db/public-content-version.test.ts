// The public content version is raised by SQLite triggers on every write to a public table, in the same
// transaction, and by nothing else; the watcher sees it from another connection and another process.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { PRIVATE_TABLES, PUBLIC_TABLES, readPublicContentVersion, watchPublicVersion } from "./change-watcher";
import { pages } from "./schema";
import { insertComponent, insertGroup } from "./writes/components";
import { insertIncident, insertIncidentUpdate } from "./writes/incidents";
import { ensurePage } from "./writes/page";
import { insertUser } from "./writes/users";

interface Fixture {
  db: Db;
  pageId: string;
  groupId: string;
  componentId: string;
  otherComponentId: string;
  incidentId: string;
  updateId: string;
  userId: string;
}

/** A page with one of everything public, written through the write layer. */
function fixture(db: Db): Fixture {
  ensurePage(db, { name: "P", timeZone: "Etc/UTC", at: 1 });
  const pageId = db.select().from(pages).get()!.id;
  const groupId = insertGroup(db, { pageId, name: "G", at: 2 });
  const componentId = insertComponent(db, { pageId, groupId, name: "C", at: 3, actor: { source: "manual" } });
  const otherComponentId = insertComponent(db, { pageId, name: "D", at: 3, actor: { source: "manual" } });
  const incidentId = insertIncident(db, {
    pageId,
    kind: "incident",
    name: "I",
    status: "investigating",
    startedAt: 4,
    at: 4,
    componentIds: [componentId],
  });
  const updateId = insertIncidentUpdate(db, {
    incidentId,
    status: "identified",
    body: "b",
    displayAt: 5,
    at: 5,
    deliverNotifications: false,
    componentStatuses: { [componentId]: "major_outage" },
  });
  const userId = insertUser(db, { email: "u@example.com", name: "U", passwordHash: "x", role: "owner", at: 6 });
  db.$client.exec(
    `insert into assets (id, content_type, bytes, size, sha256, created_at) values ('asset1', 'image/png', x'00', 1, 'h', 1)`,
  );
  return { db, pageId, groupId, componentId, otherComponentId, incidentId, updateId, userId };
}

/** One new row per table, valid against the fixture's foreign keys. */
function insertSql(table: string, f: Fixture): string {
  const rows: Record<string, string> = {
    pages: `insert into pages (id, name, created_at, updated_at) values ('page2', 'Q', 9, 9)`,
    assets: `insert into assets (id, content_type, bytes, size, sha256, created_at) values ('asset2', 'image/png', x'01', 1, 'h2', 9)`,
    component_groups: `insert into component_groups (id, page_id, name, position, created_at, updated_at) values ('group2', '${f.pageId}', 'H', 9, 9, 9)`,
    components: `insert into components (id, page_id, name, position, created_at, updated_at) values ('comp3', '${f.pageId}', 'E', 9, 9, 9)`,
    component_status_changes: `insert into component_status_changes (component_id, status, at, source) values ('${f.componentId}', 'operational', 9, 'manual')`,
    incidents: `insert into incidents (id, page_id, kind, name, status, impact, started_at, created_at, updated_at) values ('inc2', '${f.pageId}', 'incident', 'J', 'investigating', 'none', 9, 9, 9)`,
    incident_updates: `insert into incident_updates (id, incident_id, status, body, display_at, created_at, updated_at) values ('upd2', '${f.incidentId}', 'monitoring', 'c', 9, 9, 9)`,
    incident_update_components: `insert into incident_update_components (update_id, component_id, component_name, old_status, new_status) values ('${f.updateId}', '${f.otherComponentId}', 'D', 'operational', 'degraded_performance')`,
    incident_components: `insert into incident_components (incident_id, component_id) values ('${f.incidentId}', '${f.otherComponentId}')`,
    app_state: `insert into app_state (key, value, updated_at) values ('k', 'v', 9)`,
    sessions: `insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at) values ('t', '${f.userId}', 9, 9, 99)`,
    rate_limits: `insert into rate_limits (key, window_start, count) values ('sign-in:1', 9, 1)`,
    audit_log: `insert into audit_log (at, actor_type, actor_label, action) values (9, 'system', 'system', 'test.done')`,
    notifications: `insert into notifications (id, page_id, kind, created_at) values ('n1', '${f.pageId}', 'incident_created', 9)`,
    subscribers: `insert into subscribers (id, page_id, kind, email, created_at, updated_at) values ('s1', '${f.pageId}', 'email', 'a@example.com', 9, 9)`,
    api_keys: `insert into api_keys (id, name, role, key_hash, prefix, created_at) values ('k1', 'key', 'read', 'h', 'p', 9)`,
    incident_templates: `insert into incident_templates (id, page_id, name, title, body, created_at, updated_at) values ('tpl1', '${f.pageId}', 'T', 'T', 'B', 9, 9)`,
  };
  return rows[table];
}

let f: Fixture;
const version = () => readPublicContentVersion(f.db);
const run = (sql: string) => f.db.$client.prepare(sql).run();
/** The first row of a table by rowid: every table here has one. */
const firstRow = (table: string) => `(select min(rowid) from ${table})`;

beforeEach(() => {
  f = fixture(openDatabase(":memory:"));
});
afterEach(() => f.db.$client.close());

describe("the public content version", () => {
  it("has exactly one trigger per operation on every public table and none on the others", () => {
    const tables = f.db.$client
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != '__drizzle_migrations'",
      )
      .pluck()
      .all() as string[];
    // Every table is a decision: a new one fails here until it is listed as public or private.
    expect([...tables].sort()).toEqual([...PUBLIC_TABLES, ...PRIVATE_TABLES].sort());
    const triggers = f.db.$client.prepare("select tbl_name, sql from sqlite_master where type = 'trigger'").all() as {
      tbl_name: string;
      sql: string;
    }[];
    for (const table of PUBLIC_TABLES) {
      for (const op of ["INSERT", "UPDATE", "DELETE"]) {
        expect(
          triggers.filter((t) => t.tbl_name === table && t.sql.includes(`AFTER ${op} ON`)),
          `${op} on ${table}`,
        ).toHaveLength(1);
      }
    }
    expect(triggers.filter((t) => !(PUBLIC_TABLES as readonly string[]).includes(t.tbl_name))).toEqual([]);
  });

  it.each(PUBLIC_TABLES)("is raised by an insert, an update and a delete on %s", (table) => {
    let before = version();
    run(insertSql(table, f));
    expect(version()).toBeGreaterThan(before);
    before = version();
    run(`update ${table} set rowid = rowid where rowid = ${firstRow(table)}`);
    expect(version()).toBeGreaterThan(before);
    before = version();
    run(`delete from ${table} where rowid = ${firstRow(table)}`);
    expect(version()).toBeGreaterThan(before);
  });

  it.each([
    "app_state",
    "sessions",
    "rate_limits",
    "audit_log",
    "notifications",
    "subscribers",
    "api_keys",
    "incident_templates",
  ])("is left alone by an insert, an update and a delete on the private table %s", (table) => {
    const before = version();
    run(insertSql(table, f));
    run(`update ${table} set rowid = rowid where rowid = ${firstRow(table)}`);
    run(`delete from ${table} where rowid = ${firstRow(table)}`);
    expect(version()).toBe(before);
  });

  it("is raised in the writing transaction: a rolled-back write leaves it as it was", () => {
    const before = version();
    expect(() =>
      f.db.transaction((tx) => {
        insertGroup(tx, { pageId: f.pageId, name: "Rolled back", at: 9 });
        throw new Error("abort");
      }),
    ).toThrow("abort");
    expect(version()).toBe(before);
  });
});

describe("the watcher", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "public-version-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("sees another process swap an incident's affected service, which changes no row count", () => {
    const file = path.join(dir, "status.db");
    const writer = openDatabase(file);
    const data = fixture(writer);
    writer.$client.close();
    const watcher = watchPublicVersion(file);
    const seen = watcher.current();
    // Another process, another connection: exactly what the running server cannot see through its own writes.
    const script = `
      const Database = require("better-sqlite3");
      const db = new Database(process.argv[1]);
      db.prepare("update incident_components set component_id = ? where incident_id = ? and component_id = ?").run(process.argv[2], process.argv[3], process.argv[4]);
      db.close();`;
    execFileSync(process.execPath, ["-e", script, file, data.otherComponentId, data.incidentId, data.componentId]);
    expect(watcher.current()).toBe(seen + 1);
    // A private write from another process does not move it.
    execFileSync(process.execPath, [
      "-e",
      `const db = new (require("better-sqlite3"))(process.argv[1]); db.prepare("insert into app_state (key, value, updated_at) values ('x', 'y', 1)").run();`,
      file,
    ]);
    expect(watcher.current()).toBe(seen + 1);
    watcher.close();
  });
});

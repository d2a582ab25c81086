// The installation export on real SQLite files: export, import into a fresh database, export again gives the
// same bytes; secrets only with --with-secrets; a non-empty installation, a truncated file, a newer format
// version and a file that is not ours are refused with the reason, changing nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openDatabase, type Db } from "@/db";
import { apiKeys, assets, auditLog, components, incidents, monitors, subscribers, users } from "@/db/schema";
import { replaceLogo } from "@/db/writes/settings";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { insertWebhookSubscriber } from "@/db/writes/webhooks";
import { insertChatSubscriber } from "@/db/writes/chat";
import { createApiKey } from "@/services/api-keys";
import { runApply } from "@/services/as-code/command";
import { addComponent, addIncident, addMember } from "@/services/testing/scenario";
import { tempDbFile } from "@/services/testing/notification-fixtures";
import { ensureAppSecret, ensurePage, readAppState, writeAppState } from "@/db/writes/page";
import { SYSTEM } from "@/core/actor";
import { runInstallationExport, runInstallationImport } from "./command";
import { buildExport, decodeExport, encodeExport } from "./installation";

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
/** A chat channel's incoming-webhook URL: whoever has it can post to the channel, so it is a secret. */
const CHAT_URL = "https://hooks.slack.com/services/T000/B000/secret-chat-token";
let dir: string;
const dbs: Db[] = [];
const fresh = () => {
  const db = openDatabase(tempDbFile("backup"));
  dbs.push(db);
  return db;
};
const file = (name: string) => path.join(dir, name);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-backup-"));
});
afterEach(() => {
  for (const db of dbs.splice(0)) db.$client.close();
});

/** An installation with something in every part: services, history, incidents, people, keys, monitors, audit. */
function populated(): Db {
  const db = fresh();
  ensurePage(db, { name: "Example IT", timeZone: "Europe/Berlin", at: NOW - 1000 });
  ensureAppSecret(db, NOW);
  writeAppState(db, "default_templates_marker_for_test", "1", NOW);
  const pageId = db.query.pages.findFirst().sync()!.id;
  const yaml = file("status.yaml");
  fs.writeFileSync(
    yaml,
    "groups:\n  - name: Communication\nservices:\n  - name: Mail\n    group: Communication\nmonitors:\n  - name: Mail web\n    kind: tcp\n    service: Mail\n    intervalSeconds: 60\n    config: { host: 127.0.0.1, port: 3185 }\nintegrations:\n  - name: Prometheus\n    kind: alertmanager\n",
  );
  expect(runApply(db, yaml, { yes: true, prune: false }).code).toBe(0);
  const vpn = addComponent(db, pageId, "VPN");
  addIncident(db, pageId, {
    name: "VPN down",
    start: NOW - 5000_000,
    steps: [
      { status: "investigating", set: { [vpn]: "major_outage" } },
      { status: "resolved", set: { [vpn]: "operational" } },
    ],
  });
  addMember(db, "owner", "owner@example.org");
  createApiKey(db, SYSTEM, { name: "deploys", role: "editor" });
  insertEmailSubscriber(db, { pageId, email: "a@example.org", state: "active", componentIds: [vpn], at: NOW });
  insertWebhookSubscriber(db, {
    pageId,
    url: "https://hooks.example.org/x",
    secret: "whsec-1",
    email: null,
    componentIds: [],
    origin: "console",
    at: NOW,
  });
  insertChatSubscriber(db, {
    id: "chat-1",
    pageId,
    platform: "slack",
    url: CHAT_URL,
    email: "ops@example.org",
    componentIds: [vpn],
    origin: "console",
    at: NOW,
  });
  replaceLogo(
    db,
    pageId,
    { contentType: "image/png", bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]) },
    NOW,
  );
  return db;
}

describe("npm run admin -- export / import", () => {
  it("round trip: export, import into a fresh database, export again: the same bytes", () => {
    const source = populated();
    for (const withSecrets of [false, true]) {
      const first = file(`first-${withSecrets}.json.gz`);
      expect(runInstallationExport(source, first, { withSecrets, now: NOW }).code).toBe(0);
      const target = fresh();
      const imported = runInstallationImport(target, first, { force: false });
      expect(imported.code, imported.out).toBe(0);
      const second = file(`second-${withSecrets}.json.gz`);
      runInstallationExport(target, second, { withSecrets, now: NOW });
      // The import writes one audit entry of its own, the one row the round trip leaves out by design
      // (docs/installation-export.md): without it the second export is the first, byte for byte.
      const again = decodeExport(fs.readFileSync(second));
      const own = again.tables.audit_log.filter((r) => r.action === "installation.import");
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({ actor_type: "system", actor_label: "npm run admin -- import" });
      expect(JSON.parse(String(own[0].detail))).toMatchObject({ withSecrets, exportedAt: new Date(NOW).toISOString() });
      expect(JSON.parse(String(own[0].detail)).rows).toBeGreaterThan(10);
      again.tables.audit_log = again.tables.audit_log.filter((r) => r !== own[0]);
      expect(encodeExport(again).equals(fs.readFileSync(first))).toBe(true);
      expect(target.select().from(components).all()).toEqual(source.select().from(components).all());
      expect(target.select().from(incidents).all()).toEqual(source.select().from(incidents).all());
      expect(target.select().from(assets).get()!.bytes.equals(source.select().from(assets).get()!.bytes)).toBe(true);
      expect(target.select().from(monitors).all()).toHaveLength(1);
      expect(target.select().from(apiKeys).get()!.keyHash).toBe(source.select().from(apiKeys).get()!.keyHash);
      expect(target.select().from(auditLog).all().length).toBe(source.select().from(auditLog).all().length + 1);
      const owner = target.select().from(users).get()!;
      const hook = target
        .select()
        .from(subscribers)
        .all()
        .find((s) => s.kind === "webhook")!;
      expect(readAppState(target, "default_templates_marker_for_test")).toBe("1");
      if (withSecrets) {
        expect(readAppState(target, "signing_secret")).toBe(readAppState(source, "signing_secret"));
        expect(owner.passwordHash).toBe("scrypt$test-only");
        expect(hook.webhookSecret).toBe("whsec-1");
      } else {
        expect(owner.passwordHash).toBe("!");
        expect(hook.webhookSecret).not.toBe("whsec-1");
        expect(imported.out).toContain("reset-password");
      }
    }
  });

  it("leaves password hashes and secrets out unless --with-secrets; follows the JSON Schema in docs/", () => {
    const db = populated();
    const plain = buildExport(db, { withSecrets: false, now: NOW });
    const full = buildExport(db, { withSecrets: true, now: NOW });
    expect(JSON.stringify(plain)).not.toContain("scrypt$test-only");
    expect(JSON.stringify(plain)).not.toContain("whsec-1");
    expect(plain.tables.app_state.map((r) => r.key)).not.toContain("signing_secret");
    expect(full.tables.app_state.map((r) => r.key)).toContain("signing_secret");
    expect(plain.tables.sessions).toBeUndefined();
    expect(plain.tables.api_keys[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(full)).toContain("scrypt$test-only");
    const schema = JSON.parse(fs.readFileSync("docs/installation-export.schema.json", "utf8"));
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    for (const f of [plain, full])
      expect(validate(JSON.parse(JSON.stringify(f))), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ ...plain, version: "1" })).toBe(false);
  });

  it("refuses a non-empty installation unless --force, changing nothing", () => {
    const out = file("backup.json.gz");
    runInstallationExport(populated(), out, { withSecrets: false, now: NOW });
    const other = fresh();
    ensurePage(other, { name: "Other", timeZone: "Etc/UTC", at: NOW });
    addComponent(other, other.query.pages.findFirst().sync()!.id, "Printing");
    const refused = runInstallationImport(other, out, { force: false });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("This installation is not empty (it has components)");
    expect(
      other
        .select()
        .from(components)
        .all()
        .map((c) => c.name),
    ).toEqual(["Printing"]);
    expect(runInstallationImport(other, out, { force: true }).code).toBe(0);
    expect(
      other
        .select()
        .from(components)
        .all()
        .map((c) => c.name)
        .sort(),
    ).toEqual(["Mail", "VPN"]);
  });

  it("refuses a truncated file, a newer format version and a file that is not ours, each with the reason", () => {
    const good = file("backup.json.gz");
    runInstallationExport(populated(), good, { withSecrets: false, now: NOW });
    const bytes = fs.readFileSync(good);
    const target = fresh();
    const attempt = (name: string, content: Buffer) => {
      fs.writeFileSync(file(name), content);
      const r = runInstallationImport(target, file(name), { force: false });
      expect(r.code).toBe(1);
      expect(target.select().from(components).all()).toEqual([]);
      return r.out;
    };
    expect(attempt("cut.json.gz", bytes.subarray(0, Math.floor(bytes.length / 2)))).toContain("truncated or damaged");
    const json = JSON.parse(zlib.gunzipSync(bytes).toString());
    expect(attempt("newer.json.gz", zlib.gzipSync(JSON.stringify({ ...json, version: 2 })))).toContain(
      "format version 2, newer than this installation reads (1): upgrade",
    );
    expect(attempt("schema.json.gz", zlib.gzipSync(JSON.stringify({ ...json, migrations: 999 })))).toContain(
      "written by a newer version",
    );
    expect(attempt("yaml.json.gz", Buffer.from("groups: []\n"))).toContain("not gzip-compressed");
    expect(attempt("other.json.gz", zlib.gzipSync(JSON.stringify({ page: { name: "x" } })))).toContain(
      "not an installation export of this product",
    );
    expect(attempt("cutjson.json.gz", zlib.gzipSync(JSON.stringify(json).slice(0, 200)))).toContain(
      "not complete JSON",
    );
    expect(() => decodeExport(zlib.gzipSync(JSON.stringify({ ...json, tables: { users: [{ x: [1] }] } })))).toThrow(
      "does not follow format version 1",
    );
  });

  it("a chat channel's URL is a secret: without --with-secrets it is left out, the channel arrives disabled and flagged", () => {
    const source = populated();
    const plain = buildExport(source, { withSecrets: false, now: NOW });
    const full = buildExport(source, { withSecrets: true, now: NOW });
    expect(JSON.stringify(plain)).not.toContain("secret-chat-token");
    const exported = plain.tables.subscribers.find((s) => s.kind === "chat")!;
    expect(exported).not.toHaveProperty("webhook_url");
    expect(exported.webhook_disabled_at).toBe(NOW);
    expect(full.tables.subscribers.find((s) => s.kind === "chat")).toMatchObject({
      webhook_url: CHAT_URL,
      webhook_disabled_at: null,
    });
    // A webhook subscriber's URL is no secret (its signing key is): it is exported either way.
    expect(plain.tables.subscribers.find((s) => s.kind === "webhook")!.webhook_url).toBe("https://hooks.example.org/x");

    const out = file("plain.json.gz");
    runInstallationExport(source, out, { withSecrets: false, now: NOW });
    const target = fresh();
    const imported = runInstallationImport(target, out, { force: false });
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toContain(
      "1 chat channel must be added again (Subscribers -> Chat channels): its incoming-webhook URL is a secret this export left out (export with --with-secrets to keep it); it was imported disabled: slack channel of ops@example.org",
    );
    const chat = target
      .select()
      .from(subscribers)
      .all()
      .find((s) => s.kind === "chat")!;
    expect(chat).toMatchObject({ webhookUrl: null, webhookDisabledAt: NOW, chatPlatform: "slack" });

    const withSecrets = file("full.json.gz");
    runInstallationExport(source, withSecrets, { withSecrets: true, now: NOW });
    const second = fresh();
    const restored = runInstallationImport(second, withSecrets, { force: false });
    expect(restored.out).not.toContain("chat channel");
    expect(
      second
        .select()
        .from(subscribers)
        .all()
        .find((s) => s.kind === "chat"),
    ).toMatchObject({
      webhookUrl: CHAT_URL,
      webhookDisabledAt: null,
    });
  });
});

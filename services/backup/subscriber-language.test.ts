// The installation export carries each subscriber's language (it is a column like the others); an export
// written before the column existed restores with the default language for everyone.
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { subscribers } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { tempDbFile } from "@/services/testing/notification-fixtures";
import { buildExport, restoreExport } from "./installation";

const dbs: Db[] = [];
const fresh = () => {
  const db = openDatabase(tempDbFile("backup-language"));
  dbs.push(db);
  return db;
};
afterEach(() => {
  for (const db of dbs.splice(0)) db.$client.close();
});

const languages = (db: Db) =>
  db
    .select({ email: subscribers.email, language: subscribers.language })
    .from(subscribers)
    .all()
    .sort((a, b) => a.email!.localeCompare(b.email!));

describe("the subscriber's language in the installation export", () => {
  it("is exported and restored as it was", () => {
    const source = fresh();
    ensurePage(source, { name: "Example IT", timeZone: "Europe/Berlin", at: 1 });
    const pageId = source.query.pages.findFirst().sync()!.id;
    insertEmailSubscriber(source, { pageId, email: "ja@example.com", at: 1, state: "active", language: "ja" });
    insertEmailSubscriber(source, { pageId, email: "en@example.com", at: 1, state: "active" });
    const file = buildExport(source, { withSecrets: false, now: 2 });
    expect(file.tables.subscribers.map((r) => r.language).sort()).toEqual(["en", "ja"]);
    const target = fresh();
    restoreExport(target, file, { force: false });
    expect(languages(target)).toEqual(languages(source));
  });

  it("an export from before the column restores everyone with the default language", () => {
    const source = fresh();
    ensurePage(source, { name: "Example IT", timeZone: "Europe/Berlin", at: 1 });
    const pageId = source.query.pages.findFirst().sync()!.id;
    insertEmailSubscriber(source, { pageId, email: "old@example.com", at: 1, state: "active", language: "de" });
    const file = buildExport(source, { withSecrets: false, now: 2 });
    for (const row of file.tables.subscribers) delete row.language;
    const target = fresh();
    restoreExport(target, file, { force: false });
    expect(languages(target)).toEqual([{ email: "old@example.com", language: "en" }]);
  });
});

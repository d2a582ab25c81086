import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../index";
import { insertAuditEntry } from "../writes/audit";
import { listAuditActions, listAuditEntries } from "./audit";

let db: Db;
afterEach(() => db?.$client.close());

function setup() {
  db = openDatabase(":memory:");
  const add = (action: string, actorLabel: string, at: number) =>
    insertAuditEntry(db, { at, actorType: "user", actorLabel, action });
  add("auth.sign_in", "ada@example.org", 1);
  add("auth.sign_in_failed", "eve@example.org", 2);
  add("component.create", "ada@example.org", 3);
  add("authx.other", "bob_100%@example.org", 4);
}

describe("listAuditEntries", () => {
  it("filters by exact action, by prefix, and by part of the actor, newest first", () => {
    setup();
    expect(listAuditEntries(db, {}).map((e) => e.at)).toEqual([4, 3, 2, 1]);
    expect(listAuditEntries(db, { action: "auth.sign_in" }).map((e) => e.at)).toEqual([1]);
    expect(listAuditEntries(db, { action: "auth." }).map((e) => e.at)).toEqual([2, 1]);
    expect(listAuditEntries(db, { actor: "ADA" }).map((e) => e.at)).toEqual([3, 1]);
    expect(listAuditEntries(db, { actor: "_100%" }).map((e) => e.at)).toEqual([4]);
    expect(listAuditEntries(db, { actor: "%" }).map((e) => e.at)).toEqual([4]);
  });

  it("pages with beforeId and lists the actions present", () => {
    setup();
    const [newest] = listAuditEntries(db, {}, 1);
    expect(listAuditEntries(db, { beforeId: newest.id }, 2).map((e) => e.at)).toEqual([3, 2]);
    expect(listAuditActions(db)).toEqual(["auth.sign_in", "auth.sign_in_failed", "authx.other", "component.create"]);
  });
});

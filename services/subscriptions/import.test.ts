// The CSV import: preview, per-line errors, merges, limits, all-or-nothing, and who may.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { getEmailSubscriberByAddress, subscribedComponentIds } from "@/db/queries/subscribers";
import { auditLog, subscribers } from "@/db/schema";
import { insertEmailSubscriber, unsubscribe } from "@/db/writes/subscribers";
import {
  addApiKeyActor,
  addComponent,
  addGroup,
  addMember,
  emptyPage,
  expectDomainError,
  T0,
} from "@/services/testing/scenario";
import { parseCsv } from "./csv";
import { IMPORT_LIMITS, importSubscribers, previewImport } from "./import";

let db: Db;
let pageId: string;
let vpn: string;
let mail: string;
let web: string;
let group: string;
let admin: ReturnType<typeof addMember>;

beforeEach(() => {
  ({ db, pageId } = emptyPage());
  group = addGroup(db, pageId, "Websites");
  vpn = addComponent(db, pageId, "VPN");
  mail = addComponent(db, pageId, "Mail, calendar");
  web = addComponent(db, pageId, "Intranet", { groupId: group });
  admin = addMember(db, "admin");
});

const count = () => db.select().from(subscribers).all().length;

describe("previewImport", () => {
  it("reads names, ids and groups, skips an optional header, and changes nothing", () => {
    const csv =
      `Email,Components\nann@example.org\nbob@example.org,VPN;"x"\n"cy@example.org","vpn; Mail, calendar"\ndee@example.org,${web}\neve@example.org,websites\n`.replace(
        ';"x"',
        "",
      );
    const preview = previewImport(db, admin, csv);
    expect(preview.errors).toEqual([]);
    expect(preview.rows).toBe(5);
    expect(preview.toAdd.map((r) => [r.line, r.email, r.components])).toEqual([
      [2, "ann@example.org", null],
      [3, "bob@example.org", ["VPN"]],
      [4, "cy@example.org", ["VPN", "Mail, calendar"]],
      [5, "dee@example.org", ["Intranet"]],
      [6, "eve@example.org", ["Intranet"]],
    ]);
    expect(count()).toBe(0);
  });

  it("merges duplicates within the file and addresses already on the list", () => {
    const gone = insertEmailSubscriber(db, { pageId, email: "left@example.org", state: "active", at: T0 });
    unsubscribe(db, gone, T0);
    const preview = previewImport(
      db,
      admin,
      "a@example.org,VPN\nLEFT@example.org\nA@example.org,Mail, calendar\n".replace(
        "Mail, calendar",
        '"Mail, calendar"',
      ),
    );
    expect(preview.toAdd).toHaveLength(1);
    expect(preview.toAdd[0].components).toEqual(["VPN", "Mail, calendar"]);
    expect(preview.merged).toEqual([
      { line: 2, email: "left@example.org", reason: expect.stringContaining("already on the list (unsubscribed)") },
      { line: 3, email: "a@example.org", reason: "same address as line 1; merged into it" },
    ]);
    const everything = previewImport(db, admin, "b@example.org,VPN\nb@example.org\n");
    expect(everything.toAdd[0].components).toBeNull();
  });

  it("reports each bad line with its line number (blank and quoted multi-line lines counted)", () => {
    const csv = [
      "good@example.org",
      "",
      "not-an-address",
      `${"x".repeat(250)}@example.org`,
      "ok@example.org,Nope;VPN",
      "c@example.org,VPN,de,extra",
      '"multi',
      'line@example.org"',
      "d@example.org,Websites",
    ].join("\n");
    const preview = previewImport(db, admin, csv);
    expect(preview.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(preview.errors[0].message).toMatch(/valid email address.*not-an-address/);
    expect(preview.errors[1].message).toMatch(/at most 254 characters/);
    expect(preview.errors[2].message).toBe('Components: no service or group is called "Nope"');
    expect(preview.errors[3].message).toMatch(/Too many columns/);
    expect(preview.toAdd.map((r) => r.line)).toEqual([1, 9]);
  });

  it("names an ambiguous component and a syntax error's line", () => {
    addComponent(db, pageId, "vpn");
    expect(previewImport(db, admin, "a@example.org,VPN").errors[0].message).toMatch(
      /names several services or groups; use its id/,
    );
    expect(previewImport(db, admin, `a@example.org,${vpn}`).errors).toEqual([]);
    expect(previewImport(db, admin, 'a@example.org\nb@example.org,"VPN').errors).toEqual([
      { line: 2, message: "A quoted value is never closed" },
    ]);
    expect(previewImport(db, admin, 'a@example.org\n"b@example.org"x').errors).toEqual([
      { line: 2, message: expect.stringContaining("after a closing quote") },
    ]);
  });

  it("refuses an empty file, one past 1 MB and one past 10,000 rows", () => {
    expectDomainError(() => previewImport(db, admin, ""), "invalid", "file");
    expectDomainError(() => previewImport(db, admin, "email\n\n"), "invalid", "file");
    const big = "a".repeat(IMPORT_LIMITS.bytes - 20) + "@example.org\nb@example.org\n";
    expectDomainError(() => previewImport(db, admin, big), "invalid", "file");
    const many = Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => `p${i}@e.org`).join("\n");
    expect(Buffer.byteLength(many)).toBeLessThan(IMPORT_LIMITS.bytes);
    expect(expectDomainError(() => previewImport(db, admin, many), "invalid", "file").message).toMatch(
      /10,001 rows; at most 10,000/,
    );
    const exactly = Array.from({ length: IMPORT_LIMITS.rows }, (_, i) => `p${i}@e.org`).join("\n");
    expect(previewImport(db, admin, `"E-mail address",Services\n${exactly}`).toAdd).toHaveLength(IMPORT_LIMITS.rows);
  });

  it("is refused to editors and to keys below admin", () => {
    for (const who of [
      addMember(db, "editor", "ed@example.org"),
      addApiKeyActor(db, "read"),
      addApiKeyActor(db, "editor"),
    ]) {
      expectDomainError(() => previewImport(db, who, "a@example.org"), "forbidden");
      expectDomainError(() => importSubscribers(db, who, "a@example.org", T0), "forbidden");
    }
    expect(count()).toBe(0);
  });
});

describe("importSubscribers", () => {
  it("imports nothing when any line has an error, and says which", () => {
    const result = importSubscribers(db, admin, "a@example.org\nb@example.org\nbroken\n", T0);
    expect(result.imported).toBe(0);
    expect(result.preview.errors).toEqual([{ line: 3, message: expect.stringContaining("broken") }]);
    expect(count()).toBe(0);
    expect(db.select().from(auditLog).all()).toHaveLength(0);
  });

  it("adds every new address as active with origin import, in one go, and audits the counts", () => {
    insertEmailSubscriber(db, { pageId, email: "known@example.org", state: "pending", at: T0 });
    const result = importSubscribers(
      db,
      admin,
      `email,components\na@example.org,VPN\nknown@example.org,VPN\nb@example.org\na@example.org,${mail}\n`,
      T0 + 1,
    );
    expect(result.imported).toBe(2);
    const a = getEmailSubscriberByAddress(db, pageId, "a@example.org")!;
    expect(a).toMatchObject({ state: "active", origin: "import", confirmedAt: T0 + 1, allComponents: false });
    expect(subscribedComponentIds(db, a.id).sort()).toEqual([vpn, mail].sort());
    expect(getEmailSubscriberByAddress(db, pageId, "known@example.org")).toMatchObject({
      state: "pending",
      allComponents: true,
    });
    expect(db.select().from(auditLog).where(eq(auditLog.action, "subscriber.import")).get()).toMatchObject({
      detail: { added: 2, merged: 2, rows: 4 },
    });
    const again = importSubscribers(db, admin, "a@example.org\nb@example.org", T0 + 2);
    expect(again.imported).toBe(0);
    expect(again.preview.merged).toHaveLength(2);
    expect(count()).toBe(3);
  });

  it("imports the largest file allowed (10,000 lines) in one transaction", () => {
    const lines = Array.from(
      { length: IMPORT_LIMITS.rows },
      (_, i) => `person${i}@example.org${i % 2 ? ",VPN" : ""}`,
    ).join("\n");
    expect(importSubscribers(db, admin, lines, T0).imported).toBe(IMPORT_LIMITS.rows);
    expect(count()).toBe(IMPORT_LIMITS.rows);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "subscriber.import")).all()).toHaveLength(1);
    // No wall-time bound here (the machine's speed is not the code's): the test's timeout is the backstop.
  }, 30_000);

  it("checks the text again at import time: an address added since the preview is merged, not doubled", () => {
    const csv = "late@example.org\nother@example.org\n";
    expect(previewImport(db, admin, csv).toAdd).toHaveLength(2);
    insertEmailSubscriber(db, { pageId, email: "late@example.org", state: "active", at: T0 });
    expect(importSubscribers(db, admin, csv, T0 + 1).imported).toBe(1);
    expect(count()).toBe(2);
  });
});

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, CRLF, a BOM and a missing final newline", () => {
    expect(parseCsv('\uFEFFa,"b ""c"", d"\r\n\r\n"e\nf",g')).toEqual([
      { line: 1, cells: ["a", 'b "c", d'] },
      { line: 3, cells: ["e\nf", "g"] },
    ]);
  });
});

describe("the language column", () => {
  it("stores each address's language; empty is the default; an unknown one is an error for its line", () => {
    const bad = previewImport(db, admin, "ann@example.org,,de\nbob@example.org,VPN,klingon\n");
    expect(bad.errors).toEqual([
      { line: 2, message: expect.stringMatching(/^Language: "klingon" is not one of en, de/) },
    ]);
    const { imported } = importSubscribers(
      db,
      admin,
      "ann@example.org,,de\nbob@example.org,VPN,\ncy@example.org,,ar\n",
      T0,
    );
    expect(imported).toBe(3);
    const language = (email: string) => getEmailSubscriberByAddress(db, pageId, email)!.language;
    expect([language("ann@example.org"), language("bob@example.org"), language("cy@example.org")]).toEqual([
      "de",
      "en",
      "ar",
    ]);
  });
});

// Managing subscribers by hand: who may, what is checked, what is written and audited, and the export.
import { eq } from "drizzle-orm";
import { ensureAppSecret } from "@/db/writes/page";
import { confirmationToken } from "@/services/notifications/tokens";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { getEmailSubscriberByAddress, subscribedComponentIds } from "@/db/queries/subscribers";
import { auditLog, notifications, subscribers } from "@/db/schema";
import { insertEmailSubscriber, suppressSubscriber } from "@/db/writes/subscribers";
import { SYSTEM, type Actor } from "@/core/actor";
import {
  addApiKeyActor,
  addComponent,
  addGroup,
  addMember,
  emptyPage,
  expectDomainError,
  T0,
} from "@/services/testing/scenario";
import { addSubscriber, exportSubscribersCsv, listSubscribers, removeSubscriber } from "./admin";
import { parseCsv } from "./csv";

let db: Db;
let pageId: string;
let vpn: string;
let mail: string;
let web: string;
let group: string;
let actors: Record<"owner" | "admin" | "editor" | "readKey" | "editorKey" | "adminKey", Actor>;

beforeEach(() => {
  ({ db, pageId } = emptyPage());
  group = addGroup(db, pageId, "Websites");
  vpn = addComponent(db, pageId, "VPN");
  mail = addComponent(db, pageId, "Mail");
  web = addComponent(db, pageId, "Intranet", { groupId: group });
  actors = {
    owner: addMember(db, "owner"),
    admin: addMember(db, "admin"),
    editor: addMember(db, "editor"),
    readKey: addApiKeyActor(db, "read"),
    editorKey: addApiKeyActor(db, "editor"),
    adminKey: addApiKeyActor(db, "admin"),
  };
});

const count = () => db.select().from(subscribers).all().length;
const confirmations = () => db.select().from(notifications).where(eq(notifications.kind, "subscription_confirm")).all();

describe("who may manage subscribers", () => {
  it("lets owners, admins, admin keys and automation in; refuses editors, read and editor keys", () => {
    const id = insertEmailSubscriber(db, { pageId, email: "keep@example.com", state: "active", at: T0 });
    for (const who of [actors.editor, actors.readKey, actors.editorKey]) {
      expectDomainError(() => listSubscribers(db, who, {}), "forbidden");
      expectDomainError(
        () => addSubscriber(db, who, { email: "x@example.com", confirmation: "confirmed" }, T0),
        "forbidden",
      );
      expectDomainError(() => removeSubscriber(db, who, id, T0), "forbidden");
      expectDomainError(() => exportSubscribersCsv(db, who, {}, T0), "forbidden");
    }
    expect(count()).toBe(1);
    for (const [i, who] of [actors.owner, actors.admin, actors.adminKey, SYSTEM].entries()) {
      expect(listSubscribers(db, who, {}).total).toBe(1 + i);
      expect(addSubscriber(db, who, { email: `new${i}@example.com`, confirmation: "confirmed" }, T0).state).toBe(
        "active",
      );
    }
  });
});

describe("addSubscriber", () => {
  it("adds a confirmed address as active with origin console, audited without any token", () => {
    const { id, state } = addSubscriber(
      db,
      actors.admin,
      { email: "  Sam@Example.ORG ", componentIds: [vpn], confirmation: "confirmed" },
      T0,
    );
    expect(state).toBe("active");
    expect(db.select().from(subscribers).where(eq(subscribers.id, id)).get()).toMatchObject({
      email: "sam@example.org",
      state: "active",
      origin: "console",
      confirmedAt: T0,
      allComponents: false,
    });
    expect(subscribedComponentIds(db, id)).toEqual([vpn]);
    expect(confirmations()).toHaveLength(0);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "subscriber.add")).get()!;
    expect(audit).toMatchObject({
      actorLabel: "admin@example.org",
      targetId: id,
      detail: { email: "sam@example.org", state: "active", components: 1 },
    });
  });

  it("sends a confirmation for a pending address through the usual flow; origin api for a key", () => {
    const { id, state } = addSubscriber(db, actors.adminKey, { email: "ask@example.org", confirmation: "send" }, T0);
    expect(state).toBe("pending");
    const row = db.select().from(subscribers).where(eq(subscribers.id, id)).get()!;
    expect(row).toMatchObject({ state: "pending", origin: "api", allComponents: true, confirmedAt: null });
    const [note] = confirmations();
    expect(note.subscriberId).toBe(id);
    // The link's token is derived, never stored: not in the notification, not in the audit log.
    expect(note.payload).toBeNull();
    const token = confirmationToken(ensureAppSecret(db, T0), id, row.confirmationSentAt!);
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("expands a group to its services and merges it with chosen ones", () => {
    const { id } = addSubscriber(
      db,
      actors.owner,
      { email: "g@example.org", componentIds: [vpn, web], groupIds: [group], confirmation: "confirmed" },
      T0,
    );
    expect(subscribedComponentIds(db, id).sort()).toEqual([vpn, web].sort());
  });

  it("refuses bad input per field and writes nothing", () => {
    expectDomainError(
      () => addSubscriber(db, actors.admin, { email: "not an address", confirmation: "confirmed" }, T0),
      "invalid",
      "email",
    );
    expectDomainError(
      () => addSubscriber(db, actors.admin, { email: `${"a".repeat(250)}@example.org`, confirmation: "confirmed" }, T0),
      "invalid",
      "email",
    );
    expectDomainError(
      () => addSubscriber(db, actors.admin, { email: "", confirmation: "confirmed" }, T0),
      "invalid",
      "email",
    );
    expectDomainError(
      () => addSubscriber(db, actors.admin, { email: "a@example.org", confirmation: "maybe" as "send" }, T0),
      "invalid",
      "confirmation",
    );
    expectDomainError(
      () =>
        addSubscriber(
          db,
          actors.admin,
          { email: "a@example.org", componentIds: ["zzzzzzzzzzzz"], confirmation: "confirmed" },
          T0,
        ),
      "invalid",
      "componentIds",
    );
    expectDomainError(
      () =>
        addSubscriber(
          db,
          actors.admin,
          { email: "a@example.org", componentIds: ["../etc"], confirmation: "confirmed" },
          T0,
        ),
      "invalid",
      "componentIds",
    );
    expectDomainError(
      () =>
        addSubscriber(
          db,
          actors.admin,
          { email: "a@example.org", groupIds: ["zzzzzzzzzzzz"], confirmation: "confirmed" },
          T0,
        ),
      "invalid",
      "groupIds",
    );
    const tooMany = Array.from({ length: 501 }, () => vpn);
    expectDomainError(
      () =>
        addSubscriber(
          db,
          actors.admin,
          { email: "a@example.org", componentIds: tooMany, confirmation: "confirmed" },
          T0,
        ),
      "invalid",
      "componentIds",
    );
    expect(count()).toBe(0);
    expect(db.select().from(auditLog).all()).toHaveLength(0);
  });

  it("refuses an address already on the list in any state, changing nothing", () => {
    const id = insertEmailSubscriber(db, {
      pageId,
      email: "gone@example.org",
      state: "active",
      componentIds: [mail],
      at: T0,
    });
    suppressSubscriber(db, id, "bounce", T0);
    const err = expectDomainError(
      () => addSubscriber(db, actors.admin, { email: "GONE@example.org", confirmation: "confirmed" }, T0 + 1),
      "conflict",
      "email",
    );
    expect(err.fields.email).toContain("suppressed");
    expect(getEmailSubscriberByAddress(db, pageId, "gone@example.org")).toMatchObject({
      state: "suppressed",
      allComponents: false,
      updatedAt: T0,
    });
    expect(subscribedComponentIds(db, id)).toEqual([mail]);
  });
});

describe("listSubscribers", () => {
  beforeEach(() => {
    for (let i = 0; i < 7; i++)
      insertEmailSubscriber(db, { pageId, email: `person${i}@alpha.example`, state: "active", at: T0 + i });
    insertEmailSubscriber(db, {
      pageId,
      email: "p_x%@beta.example",
      state: "pending",
      componentIds: [vpn, mail],
      at: T0 + 10,
    });
  });

  it("searches by part of the address (wildcards taken literally), filters by state, shows the scope", () => {
    expect(listSubscribers(db, actors.admin, { search: "ALPHA" }).total).toBe(7);
    const odd = listSubscribers(db, actors.admin, { search: "_x%" });
    expect(odd.subscribers.map((s) => s.email)).toEqual(["p_x%@beta.example"]);
    expect(odd.subscribers[0].components!.map((c) => c.name).sort()).toEqual(["Mail", "VPN"]);
    expect(listSubscribers(db, actors.admin, { search: "%" }).total).toBe(1);
    const pending = listSubscribers(db, actors.admin, { state: "pending" });
    expect(pending.subscribers.map((s) => s.state)).toEqual(["pending"]);
    expect(listSubscribers(db, actors.admin, { state: "active" }).subscribers.every((s) => s.components === null)).toBe(
      true,
    );
  });

  it("pages with an explicit size, newest first, and refuses sizes past the limit", () => {
    const first = listSubscribers(db, actors.admin, { perPage: 3 });
    expect(first).toMatchObject({ total: 8, page: 1, perPage: 3, pageCount: 3 });
    expect(first.subscribers[0].email).toBe("p_x%@beta.example");
    const last = listSubscribers(db, actors.admin, { perPage: 3, page: 3 });
    expect(last.subscribers.map((s) => s.email)).toEqual(["person1@alpha.example", "person0@alpha.example"]);
    expectDomainError(() => listSubscribers(db, actors.admin, { perPage: 101 }), "invalid", "perPage");
    expectDomainError(() => listSubscribers(db, actors.admin, { page: 0 }), "invalid", "page");
    expectDomainError(() => listSubscribers(db, actors.admin, { state: "gone" as "active" }), "invalid", "state");
  });

  it("never returns token hashes", () => {
    addSubscriber(db, actors.admin, { email: "t@example.org", confirmation: "send" }, T0);
    expect(JSON.stringify(listSubscribers(db, actors.admin, {}))).not.toMatch(/tokenHash|confirmToken|secret/i);
  });
});

describe("removeSubscriber", () => {
  it("deletes the subscriber and audits it; an unknown id is not found; the address can come back", () => {
    const id = insertEmailSubscriber(db, {
      pageId,
      email: "bye@example.org",
      state: "active",
      componentIds: [vpn],
      at: T0,
    });
    expectDomainError(() => removeSubscriber(db, actors.admin, "zzzzzzzzzzzz", T0), "not_found");
    expectDomainError(() => removeSubscriber(db, actors.admin, "not an id", T0), "not_found");
    expect(removeSubscriber(db, actors.admin, id, T0 + 1)).toMatchObject({ email: "bye@example.org", state: "active" });
    expect(count()).toBe(0);
    expect(subscribedComponentIds(db, id)).toEqual([]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "subscriber.remove")).get()).toMatchObject({
      targetId: id,
      detail: { email: "bye@example.org" },
    });
    expectDomainError(() => removeSubscriber(db, actors.admin, id, T0 + 2), "not_found");
    expect(addSubscriber(db, actors.admin, { email: "bye@example.org", confirmation: "confirmed" }, T0 + 3).state).toBe(
      "active",
    );
  });
});

describe("exportSubscribersCsv", () => {
  it("writes email, state, scope, created and confirmed, with formulas neutralised", () => {
    insertEmailSubscriber(db, { pageId, email: "a@example.org", state: "active", at: T0 });
    insertEmailSubscriber(db, {
      pageId,
      email: "=cmd|'/c calc'!a0@example.org",
      state: "pending",
      componentIds: [vpn, mail],
      at: T0 + 1,
    });
    const billing = addComponent(db, pageId, '+Billing, "new"');
    insertEmailSubscriber(db, { pageId, email: "c@example.org", state: "active", componentIds: [billing], at: T0 + 2 });
    const csv = exportSubscribersCsv(db, actors.owner, {}, T0 + 5);
    const rows = parseCsv(csv).map((r) => r.cells);
    expect(rows[0]).toEqual(["email", "state", "scope", "created", "confirmed"]);
    expect(rows[1]).toEqual([
      "a@example.org",
      "active",
      "everything",
      new Date(T0).toISOString(),
      new Date(T0).toISOString(),
    ]);
    expect(rows[2][0]).toBe("'=cmd|'/c calc'!a0@example.org");
    expect(rows[2].slice(1)).toEqual(["pending", "VPN; Mail", new Date(T0 + 1).toISOString(), ""]);
    expect(rows[3][2]).toBe(`'+Billing, "new"`);
    expect(csv).toContain(`"'+Billing, ""new"""`);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "subscriber.export")).get()).toMatchObject({
      detail: { count: 3 },
    });
  });

  it("exports only what the filter matches", () => {
    insertEmailSubscriber(db, { pageId, email: "a@example.org", state: "active", at: T0 });
    insertEmailSubscriber(db, { pageId, email: "b@example.org", state: "pending", at: T0 });
    const rows = parseCsv(exportSubscribersCsv(db, actors.owner, { state: "pending" }, T0)).map((r) => r.cells[0]);
    expect(rows).toEqual(["email", "b@example.org"]);
  });
});

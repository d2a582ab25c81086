import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, components, incidents, incidentUpdates, notifications } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { addApiKeyActor, addComponent, addMember, emptyPage, T0, expectDomainError } from "@/services/testing/scenario";
import { HOUR, MINUTE } from "@/core/time";
import {
  addIncidentUpdate,
  createIncident,
  deleteIncidentUpdate,
  editIncidentUpdate,
  publishPostmortem,
  savePostmortem,
} from "./incident-verbs";

let owner: Actor;
let editor: Actor;
let readKey: Actor;
let db: Db;
afterEach(() => db?.$client.close());

function setup() {
  const built = emptyPage();
  db = built.db;
  const vpn = addComponent(db, built.pageId, "VPN");
  const mail = addComponent(db, built.pageId, "Email");
  owner = addMember(db, "owner");
  editor = addMember(db, "editor");
  readKey = addApiKeyActor(db, "read", "dashboard");
  return { ...built, vpn, mail };
}

const statusOf = (id: string) => db.select().from(components).where(eq(components.id, id)).get()!.status;
const incident = (id: string) => db.select().from(incidents).where(eq(incidents.id, id)).get()!;
const timeline = (id: string) =>
  db
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, id))
    .orderBy(asc(incidentUpdates.displayAt))
    .all();

describe("createIncident", () => {
  it("declares an incident, sets its services' statuses, derives the impact and audits", () => {
    const { vpn } = setup();
    const { id } = createIncident(
      db,
      editor,
      { name: "VPN down", message: "Looking into it", componentStatuses: { [vpn]: "major_outage" } },
      T0,
    );
    expect(incident(id)).toMatchObject({
      status: "investigating",
      impact: "critical",
      backfilled: false,
      startedAt: T0,
    });
    expect(statusOf(vpn)).toBe("major_outage");
    expect(timeline(id)[0]).toMatchObject({ deliverNotifications: true, body: "Looking into it" });
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .map((a) => [a.action, a.actorLabel]),
    ).toEqual([["incident.create", "editor@example.org"]]);
  });

  it("rejects bad input per field and writes nothing", () => {
    const { vpn } = setup();
    expectDomainError(() => createIncident(db, owner, { name: "", message: "x" }, T0), "invalid", "name");
    expectDomainError(() => createIncident(db, owner, { name: "x".repeat(101), message: "x" }, T0), "invalid", "name");
    expectDomainError(() => createIncident(db, owner, { name: "Ok", message: "   " }, T0), "invalid", "message");
    expectDomainError(
      () => createIncident(db, owner, { name: "Ok", message: "x".repeat(10_001) }, T0),
      "invalid",
      "message",
    );
    expectDomainError(
      () =>
        createIncident(
          db,
          owner,
          { name: "Ok", message: "x", componentStatuses: { nosuchcompnt: "major_outage" } },
          T0,
        ),
      "invalid",
      "componentStatuses",
    );
    expectDomainError(
      () =>
        createIncident(db, owner, { name: "Ok", message: "x", componentStatuses: { [vpn]: "on_fire" as never } }, T0),
      "invalid",
      "componentStatuses",
    );
    expectDomainError(
      () => createIncident(db, owner, { name: "Ok", message: "x", startedAt: T0 + HOUR }, T0),
      "invalid",
      "startedAt",
    );
    db.update(components).set({ deletedAt: T0 }).where(eq(components.id, vpn)).run();
    expectDomainError(
      () => createIncident(db, owner, { name: "Ok", message: "x", componentStatuses: { [vpn]: "major_outage" } }, T0),
      "invalid",
      "componentStatuses",
    );
    expect(db.select().from(incidents).all()).toHaveLength(0);
    expect(db.select().from(incidentUpdates).all()).toHaveLength(0);
  });

  it("records an incident found after the fact as a backfill that never notifies", () => {
    setup();
    const { id } = createIncident(
      db,
      owner,
      { name: "Found later", message: "It happened", startedAt: T0 - 3 * HOUR, notify: true },
      T0,
    );
    expect(incident(id)).toMatchObject({ backfilled: true, startedAt: T0 - 3 * HOUR });
    expect(timeline(id)[0]).toMatchObject({ deliverNotifications: false, displayAt: T0 - 3 * HOUR });
  });

  it("refuses a read-only API key", () => {
    setup();
    expectDomainError(() => createIncident(db, readKey, { name: "x", message: "y" }, T0), "forbidden");
  });
});

describe("addIncidentUpdate", () => {
  it("resolving sets the affected services back to operational by default", () => {
    const { vpn, mail } = setup();
    const { id } = createIncident(
      db,
      owner,
      { name: "Trouble", message: "m", componentStatuses: { [vpn]: "major_outage", [mail]: "degraded_performance" } },
      T0,
    );
    addIncidentUpdate(db, owner, id, { status: "identified", message: "Found it" }, T0 + MINUTE);
    addIncidentUpdate(db, owner, id, { status: "resolved", message: "Fixed" }, T0 + 2 * MINUTE);
    expect([statusOf(vpn), statusOf(mail)]).toEqual(["operational", "operational"]);
    expect(incident(id)).toMatchObject({
      status: "resolved",
      impact: "critical",
      identifiedAt: T0 + MINUTE,
      resolvedAt: T0 + 2 * MINUTE,
    });
  });

  it("can resolve without restoring, and never restores a service another open incident holds down", () => {
    const { vpn, mail } = setup();
    const a = createIncident(
      db,
      owner,
      { name: "A", message: "m", componentStatuses: { [vpn]: "major_outage", [mail]: "partial_outage" } },
      T0,
    ).id;
    createIncident(db, owner, { name: "B", message: "m", componentStatuses: { [vpn]: "major_outage" } }, T0 + 1);
    addIncidentUpdate(db, owner, a, { status: "resolved", message: "A fixed" }, T0 + MINUTE);
    expect(statusOf(vpn)).toBe("major_outage");
    expect(statusOf(mail)).toBe("operational");
    const c = createIncident(
      db,
      owner,
      { name: "C", message: "m", componentStatuses: { [mail]: "degraded_performance" } },
      T0 + 2 * MINUTE,
    ).id;
    addIncidentUpdate(
      db,
      owner,
      c,
      { status: "resolved", message: "C done", restoreComponents: false },
      T0 + 3 * MINUTE,
    );
    expect(statusOf(mail)).toBe("degraded_performance");
  });

  it("refuses an update on a resolved incident unless it reopens it, and says so", () => {
    setup();
    const { id } = createIncident(db, owner, { name: "Done", message: "m", status: "resolved" }, T0);
    const err = expectDomainError(
      () => addIncidentUpdate(db, owner, id, { status: "investigating", message: "Again" }, T0 + 1),
      "conflict",
    );
    expect(err.message).toMatch(/reopen/);
    expectDomainError(
      () => addIncidentUpdate(db, owner, id, { status: "resolved", message: "x", reopen: true }, T0 + 1),
      "invalid",
      "status",
    );
    addIncidentUpdate(db, owner, id, { status: "investigating", message: "It is back", reopen: true }, T0 + 2);
    expect(incident(id)).toMatchObject({ status: "investigating", resolvedAt: null });
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .map((a) => a.action),
    ).toContain("incident.reopen");
  });

  it("keeps both of two updates posted at the same moment, in order", () => {
    setup();
    const { id } = createIncident(db, owner, { name: "Busy", message: "first" }, T0);
    addIncidentUpdate(db, owner, id, { status: "identified", message: "from Alice" }, T0 + MINUTE);
    addIncidentUpdate(db, editor, id, { status: "monitoring", message: "from Bob" }, T0 + MINUTE);
    expect(timeline(id).map((u) => u.body)).toEqual(["first", "from Alice", "from Bob"]);
    expect(incident(id).status).toBe("monitoring");
  });

  it("rejects unknown incidents, maintenances and bad input", () => {
    setup();
    expectDomainError(
      () => addIncidentUpdate(db, owner, "nosuchincdnt", { status: "identified", message: "x" }),
      "not_found",
    );
    const { id } = createIncident(db, owner, { name: "x", message: "y" }, T0);
    expectDomainError(
      () => addIncidentUpdate(db, owner, id, { status: "identified", message: "" }),
      "invalid",
      "message",
    );
    expectDomainError(
      () => addIncidentUpdate(db, owner, id, { status: "postmortem" as never, message: "x" }),
      "invalid",
      "status",
    );
  });
});

describe("editing and deleting updates", () => {
  it("corrects an update's text without notifying again, audited with both texts", () => {
    setup();
    const { id, updateId } = createIncident(db, editor, { name: "x", message: "Typo hree" }, T0);
    editIncidentUpdate(db, editor, updateId, { message: "Typo here" }, T0 + MINUTE);
    expect(timeline(id)[0]).toMatchObject({ body: "Typo here", editedAt: T0 + MINUTE, deliverNotifications: true });
    const audit = db
      .select()
      .from(auditLog)
      .all()
      .find((a) => a.action === "incident.update_edit")!;
    expect(audit.detail).toMatchObject({ before: "Typo hree", after: "Typo here" });
  });

  it("lets only admins delete an update, never the last one, and re-derives the status", () => {
    setup();
    const { id, updateId: first } = createIncident(db, owner, { name: "x", message: "one" }, T0);
    const { updateId: second } = addIncidentUpdate(
      db,
      owner,
      id,
      { status: "monitoring", message: "two" },
      T0 + MINUTE,
    );
    expectDomainError(() => deleteIncidentUpdate(db, editor, second), "forbidden");
    deleteIncidentUpdate(db, owner, second, T0 + 2 * MINUTE);
    expect(incident(id).status).toBe("investigating");
    expectDomainError(() => deleteIncidentUpdate(db, owner, first), "conflict");
    expectDomainError(() => deleteIncidentUpdate(db, owner, "nosuchupdate"), "not_found");
  });
});

describe("postmortems", () => {
  it("can be drafted and published only after resolution", () => {
    setup();
    const { id } = createIncident(db, owner, { name: "x", message: "y" }, T0);
    expectDomainError(() => savePostmortem(db, owner, id, { body: "Why" }), "conflict", "body");
    expectDomainError(() => publishPostmortem(db, owner, id, { notify: false }), "conflict");
    addIncidentUpdate(db, owner, id, { status: "resolved", message: "ok" }, T0 + MINUTE);
    expectDomainError(() => savePostmortem(db, owner, id, { body: "" }), "invalid", "body");
    savePostmortem(db, owner, id, { body: "## What happened" }, T0 + HOUR);
    expect(incident(id)).toMatchObject({ postmortemBody: "## What happened", postmortemPublishedAt: null });
    publishPostmortem(db, owner, id, { notify: true }, T0 + 2 * HOUR);
    expect(incident(id).postmortemPublishedAt).toBe(T0 + 2 * HOUR);
  });
});

describe("notifications written with each step", () => {
  const kinds = () =>
    db
      .select()
      .from(notifications)
      .all()
      .map((n) => [n.kind, n.incidentUpdateId !== null]);

  it("sends created, updated and resolved, once each, in the same transaction as the update", () => {
    setup();
    const { id, updateId } = createIncident(db, owner, { name: "x", message: "y" }, T0);
    addIncidentUpdate(db, owner, id, { status: "identified", message: "z" }, T0 + MINUTE);
    addIncidentUpdate(db, owner, id, { status: "monitoring", message: "quiet fix", notify: false }, T0 + 2 * MINUTE);
    addIncidentUpdate(db, owner, id, { status: "resolved", message: "done" }, T0 + 3 * MINUTE);
    editIncidentUpdate(db, owner, updateId, { message: "y, corrected" }, T0 + 4 * MINUTE);
    expect(kinds()).toEqual([
      ["incident_created", true],
      ["incident_updated", true],
      ["incident_resolved", true],
    ]);
    expect(db.select().from(notifications).all()[0].incidentUpdateId).toBe(updateId);
  });

  it("never notifies for a backfilled incident, and announces a postmortem once", () => {
    setup();
    const { id } = createIncident(
      db,
      owner,
      { name: "old", message: "y", startedAt: T0 - 5 * HOUR, resolvedAt: T0 - 4 * HOUR, status: "resolved" },
      T0,
    );
    expect(kinds()).toEqual([]);
    const live = createIncident(db, owner, { name: "live", message: "y", status: "resolved", notify: false }, T0).id;
    savePostmortem(db, owner, live, { body: "why" }, T0);
    publishPostmortem(db, owner, live, { notify: true }, T0);
    publishPostmortem(db, owner, live, { notify: true }, T0 + 1);
    savePostmortem(db, owner, id, { body: "why" }, T0);
    publishPostmortem(db, owner, id, { notify: true }, T0);
    expect(kinds()).toEqual([["postmortem_published", false]]);
  });
});

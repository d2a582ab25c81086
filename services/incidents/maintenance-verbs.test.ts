import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, incidents, incidentUpdates, notifications } from "@/db/schema";
import { setComponentStatus } from "@/db/writes/components";
import type { Actor } from "@/core/actor";
import { addComponent, addMember, emptyPage, T0, expectDomainError } from "@/services/testing/scenario";
import { HOUR, MINUTE } from "@/core/time";
import { createIncident } from "./incident-verbs";
import {
  cancelMaintenance,
  postMaintenanceUpdate,
  rescheduleMaintenance,
  scheduleMaintenance,
} from "./maintenance-verbs";

let db: Db;
let owner: Actor;
afterEach(() => db?.$client.close());

function setup() {
  const built = emptyPage();
  db = built.db;
  owner = addMember(db, "owner");
  return { vpn: addComponent(db, built.pageId, "VPN"), mail: addComponent(db, built.pageId, "Email") };
}

const statusOf = (id: string) => db.select().from(components).where(eq(components.id, id)).get()!.status;
const row = (id: string) => db.select().from(incidents).where(eq(incidents.id, id)).get()!;
const timeline = (id: string) =>
  db
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, id))
    .orderBy(asc(incidentUpdates.displayAt))
    .all();
const window = (componentIds: string[], over: object = {}) => ({
  name: "Firmware upgrade",
  message: "Expect short interruptions.",
  scheduledFor: T0 + 2 * HOUR,
  scheduledUntil: T0 + 3 * HOUR,
  componentIds,
  ...over,
});

describe("scheduleMaintenance", () => {
  it("schedules a window with its automation flags and a first timeline entry", () => {
    const { vpn } = setup();
    const { id } = scheduleMaintenance(db, owner, window([vpn]), T0);
    expect(row(id)).toMatchObject({
      kind: "maintenance",
      status: "scheduled",
      impact: "maintenance",
      scheduledFor: T0 + 2 * HOUR,
      autoStart: true,
      autoComplete: true,
      remindBeforeMinutes: 60,
      sequence: 0,
    });
    expect(timeline(id).map((u) => [u.status, u.deliverNotifications])).toEqual([["scheduled", true]]);
    expect(statusOf(vpn)).toBe("operational");
  });

  it("rejects an end before the start, a past window unless backfilled, unknown services and empty messages", () => {
    const { vpn } = setup();
    expectDomainError(
      () => scheduleMaintenance(db, owner, window([vpn], { scheduledUntil: T0 + HOUR }), T0),
      "invalid",
      "scheduledUntil",
    );
    expectDomainError(
      () =>
        scheduleMaintenance(
          db,
          owner,
          window([vpn], { scheduledFor: T0 - 3 * HOUR, scheduledUntil: T0 - 2 * HOUR }),
          T0,
        ),
      "invalid",
      "scheduledUntil",
    );
    expectDomainError(
      () => scheduleMaintenance(db, owner, window([vpn], { backfill: true }), T0),
      "invalid",
      "backfill",
    );
    expectDomainError(() => scheduleMaintenance(db, owner, window(["nosuchcompnt"]), T0), "invalid", "componentIds");
    expectDomainError(() => scheduleMaintenance(db, owner, window([vpn], { message: "" }), T0), "invalid", "message");
    expectDomainError(
      () => scheduleMaintenance(db, owner, window([vpn], { remindBeforeMinutes: 99_999 }), T0),
      "invalid",
      "remindBeforeMinutes",
    );
    expect(db.select().from(incidents).all()).toHaveLength(0);
  });

  it("records a past window as a completed backfill without notifications or status changes", () => {
    const { vpn } = setup();
    const { id } = scheduleMaintenance(
      db,
      owner,
      window([vpn], { scheduledFor: T0 - 5 * HOUR, scheduledUntil: T0 - 4 * HOUR, backfill: true }),
      T0,
    );
    expect(row(id)).toMatchObject({ status: "completed", backfilled: true, autoStart: false });
    expect(timeline(id).map((u) => [u.status, u.deliverNotifications])).toEqual([
      ["scheduled", false],
      ["in_progress", false],
      ["completed", false],
    ]);
    expect(statusOf(vpn)).toBe("operational");
    expect(db.select().from(notifications).all()).toHaveLength(0);
  });
});

describe("the maintenance lifecycle", () => {
  it("puts services under maintenance, then restores the status each had before", () => {
    const { vpn, mail } = setup();
    setComponentStatus(db, mail, "degraded_performance", T0, { source: "manual" });
    const { id } = scheduleMaintenance(db, owner, window([vpn, mail]), T0);
    postMaintenanceUpdate(db, owner, id, { status: "in_progress" }, T0 + 2 * HOUR);
    expect([statusOf(vpn), statusOf(mail)]).toEqual(["under_maintenance", "under_maintenance"]);
    postMaintenanceUpdate(db, owner, id, { status: "verifying", message: "Checking" }, T0 + 2 * HOUR + 30 * MINUTE);
    postMaintenanceUpdate(db, owner, id, { status: "completed" }, T0 + 3 * HOUR);
    expect([statusOf(vpn), statusOf(mail)]).toEqual(["operational", "degraded_performance"]);
    expect(timeline(id).map((u) => u.status)).toEqual(["scheduled", "in_progress", "verifying", "completed"]);
    expect(row(id)).toMatchObject({ status: "completed", resolvedAt: T0 + 3 * HOUR });
  });

  it("lets an open incident's status win over the maintenance, at the start and at the end", () => {
    const { vpn, mail } = setup();
    createIncident(db, owner, { name: "VPN down", message: "m", componentStatuses: { [vpn]: "major_outage" } }, T0);
    const { id } = scheduleMaintenance(db, owner, window([vpn, mail]), T0);
    postMaintenanceUpdate(db, owner, id, { status: "in_progress" }, T0 + 2 * HOUR);
    expect(statusOf(vpn)).toBe("major_outage");
    expect(statusOf(mail)).toBe("under_maintenance");
    createIncident(
      db,
      owner,
      { name: "Mail broke during the window", message: "m", componentStatuses: { [mail]: "partial_outage" } },
      T0 + 2 * HOUR + MINUTE,
    );
    postMaintenanceUpdate(db, owner, id, { status: "completed" }, T0 + 3 * HOUR);
    expect([statusOf(vpn), statusOf(mail)]).toEqual(["major_outage", "partial_outage"]);
  });

  it("refuses impossible moves and updates on a finished maintenance", () => {
    const { vpn } = setup();
    const { id } = scheduleMaintenance(db, owner, window([vpn]), T0);
    expectDomainError(
      () => postMaintenanceUpdate(db, owner, id, { status: "completed" }, T0 + HOUR),
      "conflict",
      "status",
    );
    expectDomainError(
      () => postMaintenanceUpdate(db, owner, id, { status: "scheduled" }, T0 + HOUR),
      "invalid",
      "message",
    );
    postMaintenanceUpdate(db, owner, id, { status: "scheduled", message: "Still on" }, T0 + HOUR);
    postMaintenanceUpdate(db, owner, id, { status: "in_progress" }, T0 + 2 * HOUR);
    expectDomainError(() => postMaintenanceUpdate(db, owner, id, { status: "scheduled" }, T0 + 2 * HOUR), "conflict");
    postMaintenanceUpdate(db, owner, id, { status: "completed" }, T0 + 3 * HOUR);
    expectDomainError(
      () => postMaintenanceUpdate(db, owner, id, { status: "completed", message: "again" }, T0 + 4 * HOUR),
      "conflict",
    );
    expectDomainError(() => postMaintenanceUpdate(db, owner, "nosuchmaint0", { status: "in_progress" }), "not_found");
  });

  it("cancels visibly, restoring services when the window was open", () => {
    const { vpn } = setup();
    const { id } = scheduleMaintenance(db, owner, window([vpn]), T0);
    postMaintenanceUpdate(db, owner, id, { status: "in_progress" }, T0 + 2 * HOUR);
    cancelMaintenance(db, owner, id, { message: "Rolled back; we will try another day" }, T0 + 2 * HOUR + 10 * MINUTE);
    expect(statusOf(vpn)).toBe("operational");
    expect(row(id)).toMatchObject({ status: "cancelled", cancelledAt: T0 + 2 * HOUR + 10 * MINUTE, sequence: 1 });
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.kind),
    ).toEqual(["maintenance_scheduled", "maintenance_started", "maintenance_cancelled"]);
    expect(timeline(id).at(-1)).toMatchObject({ status: "cancelled", body: "Rolled back; we will try another day" });
    expectDomainError(() => cancelMaintenance(db, owner, id, {}, T0 + 3 * HOUR), "conflict");
    const other = scheduleMaintenance(db, owner, window([vpn]), T0).id;
    expectDomainError(
      () => cancelMaintenance(db, owner, other, { message: "x".repeat(10_001) }, T0),
      "invalid",
      "message",
    );
    expect(row(other).status).toBe("scheduled");
  });
});

describe("rescheduleMaintenance", () => {
  it("moves the window, raises the sequence, re-arms the reminder and says what changed", () => {
    const { vpn } = setup();
    const { id } = scheduleMaintenance(db, owner, window([vpn]), T0);
    db.update(incidents)
      .set({ reminderQueuedAt: T0 + HOUR })
      .where(eq(incidents.id, id))
      .run();
    rescheduleMaintenance(
      db,
      owner,
      id,
      { scheduledFor: T0 + 26 * HOUR, scheduledUntil: T0 + 27 * HOUR },
      T0 + HOUR + MINUTE,
    );
    expect(row(id)).toMatchObject({
      scheduledFor: T0 + 26 * HOUR,
      scheduledUntil: T0 + 27 * HOUR,
      sequence: 1,
      reminderQueuedAt: null,
      status: "scheduled",
    });
    expect(timeline(id).at(-1)!.body).toBe(
      "Rescheduled: Jun 11, 2026, 11:00 UTC to 12:00 UTC is now Jun 12, 2026, 11:00 UTC to 12:00 UTC.",
    );
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.kind),
    ).toEqual(["maintenance_scheduled", "maintenance_rescheduled"]);
  });

  it("only moves the end of a started window, and rejects bad windows", () => {
    const { vpn } = setup();
    const { id } = scheduleMaintenance(db, owner, window([vpn]), T0);
    expectDomainError(
      () => rescheduleMaintenance(db, owner, id, { scheduledFor: T0 + 5 * HOUR, scheduledUntil: T0 + 4 * HOUR }, T0),
      "invalid",
      "scheduledUntil",
    );
    postMaintenanceUpdate(db, owner, id, { status: "in_progress" }, T0 + 2 * HOUR);
    expectDomainError(
      () =>
        rescheduleMaintenance(
          db,
          owner,
          id,
          { scheduledFor: T0 + 4 * HOUR, scheduledUntil: T0 + 5 * HOUR },
          T0 + 2 * HOUR,
        ),
      "invalid",
      "scheduledFor",
    );
    // A form sends whole seconds: a start in the same second counts as unchanged.
    rescheduleMaintenance(
      db,
      owner,
      id,
      { scheduledFor: T0 + 2 * HOUR + 400, scheduledUntil: T0 + 4 * HOUR },
      T0 + 2 * HOUR,
    );
    expect(row(id)).toMatchObject({
      status: "in_progress",
      scheduledFor: T0 + 2 * HOUR,
      scheduledUntil: T0 + 4 * HOUR,
    });
  });
});

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, incidents, maintenanceRecurrences, notifications } from "@/db/schema";
import { DomainError } from "@/core/errors";
import { HORIZON } from "@/core/recurrence";
import { addApiKeyActor, addComponent, addMember, emptyPage } from "@/services/testing/scenario";
import { DAY, HOUR } from "@/core/time";
import { createRecurrence, generateRecurringMaintenances, stopRecurrence } from "./recurrence";

const NOW = Date.UTC(2026, 2, 2, 12); // Monday
let db: Db;
afterEach(() => db?.$client.close());

function setup() {
  const built = emptyPage();
  db = built.db;
  return { owner: addMember(db, "owner"), vpn: addComponent(db, built.pageId, "VPN") };
}

describe("recurring maintenance", () => {
  it("creates each occurrence ahead of time as a normal maintenance, once", () => {
    const { owner, vpn } = setup();
    const { id, created } = createRecurrence(
      db,
      owner,
      {
        name: "Weekly patching",
        message: "Patches go in.",
        rule: "FREQ=WEEKLY;BYDAY=SU",
        startTime: "02:00",
        durationMinutes: 60,
        componentIds: [vpn],
      },
      NOW,
    );
    expect(created).toBe(8); // the Sundays from 8 March to 26 April, within the 60-day horizon
    const made = db.select().from(incidents).where(eq(incidents.recurrenceId, id)).all();
    expect(
      made.every(
        (m) =>
          m.kind === "maintenance" &&
          m.status === "scheduled" &&
          m.autoStart &&
          m.scheduledUntil! - m.scheduledFor! === HOUR,
      ),
    ).toBe(true);
    expect(new Date(made[0].scheduledFor!).toISOString()).toBe("2026-03-08T02:00:00.000Z");
    expect(generateRecurringMaintenances(db, NOW)).toEqual([]);
    // A week later the horizon has moved by a week: exactly one more.
    expect(generateRecurringMaintenances(db, NOW + 7 * DAY)).toHaveLength(1);
    expect(db.select().from(maintenanceRecurrences).get()!.generatedUntil).toBe(NOW + 7 * DAY + HORIZON);
  });

  it("caps a rule that would create thousands of events", () => {
    const { owner } = setup();
    const { created } = createRecurrence(
      db,
      owner,
      { name: "Too often", message: "m", rule: "FREQ=DAILY", startTime: "00:00", durationMinutes: 10 },
      NOW,
    );
    expect(created).toBeLessThanOrEqual(60);
  });

  it("rejects bad rules, times, durations and services", () => {
    const { owner } = setup();
    const base = { name: "x", message: "m", rule: "FREQ=WEEKLY;BYDAY=SU", startTime: "02:00", durationMinutes: 60 };
    const field = (raw: object) => {
      try {
        createRecurrence(db, owner, { ...base, ...raw } as never, NOW);
      } catch (err) {
        return Object.keys((err as DomainError).fields);
      }
      return [];
    };
    expect(field({ rule: "FREQ=SECONDLY" })).toEqual(["rule"]);
    expect(field({ startTime: "25:00" })).toEqual(["startTime"]);
    expect(field({ durationMinutes: 0 })).toEqual(["durationMinutes"]);
    expect(field({ timeZone: "Mars/Base" })).toEqual(["timeZone"]);
    expect(field({ componentIds: ["nosuchcompnt"] })).toEqual(["componentIds"]);
    expect(db.select().from(maintenanceRecurrences).all()).toHaveLength(0);
  });
});

describe("stopping a recurring maintenance", () => {
  it("creates no more occurrences; with cancelUpcoming, cancels the scheduled ones quietly and audits", () => {
    const { owner, vpn } = setup();
    const { id, created } = createRecurrence(
      db,
      owner,
      {
        name: "Weekly patching",
        message: "Patches go in.",
        rule: "FREQ=WEEKLY;BYDAY=SU",
        startTime: "02:00",
        durationMinutes: 60,
        componentIds: [vpn],
      },
      NOW,
    );
    const keep = createRecurrence(
      db,
      owner,
      { name: "Monthly", message: "m", rule: "FREQ=MONTHLY;BYDAY=1TU", startTime: "02:00", durationMinutes: 60 },
      NOW,
    );
    expect(stopRecurrence(db, owner, id, { cancelUpcoming: true }, NOW + 1)).toEqual({ cancelled: created });
    const statuses = (rid: string) =>
      db
        .select()
        .from(incidents)
        .where(eq(incidents.recurrenceId, rid))
        .all()
        .map((m) => m.status);
    expect(new Set(statuses(id))).toEqual(new Set(["cancelled"]));
    expect(new Set(statuses(keep.id))).toEqual(new Set(["scheduled"]));
    expect(db.select().from(notifications).all()).toEqual([]);
    expect(generateRecurringMaintenances(db, NOW + 30 * DAY).every((o) => o.recurrenceId === keep.id)).toBe(true);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "maintenance.recurrence_stop")).get()).toMatchObject({
      action: "maintenance.recurrence_stop",
      detail: { name: "Weekly patching", cancelledOccurrences: created },
    });
    expect(() => stopRecurrence(db, owner, id, { cancelUpcoming: true }, NOW + 2)).toThrow(DomainError);
    expect(() => stopRecurrence(db, owner, "zzzzzzzzzzzz", { cancelUpcoming: true }, NOW + 2)).toThrow(/not found/);
  });

  it("leaves the scheduled occurrences when asked to, and refuses a read-only key", () => {
    const { owner } = setup();
    const { id, created } = createRecurrence(
      db,
      owner,
      { name: "Daily", message: "m", rule: "FREQ=DAILY;INTERVAL=7", startTime: "03:00", durationMinutes: 30 },
      NOW,
    );
    expect(() => stopRecurrence(db, addApiKeyActor(db, "read"), id, { cancelUpcoming: true }, NOW)).toThrow(
      /not allowed/,
    );
    expect(stopRecurrence(db, owner, id, { cancelUpcoming: false }, NOW)).toEqual({ cancelled: 0 });
    expect(db.select().from(incidents).where(eq(incidents.status, "scheduled")).all()).toHaveLength(created);
    expect(db.select().from(maintenanceRecurrences).get()!.active).toBe(false);
  });
});

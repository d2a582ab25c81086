import { describe, expect, it } from "vitest";
import { MINUTE } from "@/core/time";
import {
  canMoveMaintenance,
  dueTransition,
  statusAfterMaintenance,
  statusAtMaintenanceStart,
  type MaintenanceFacts,
} from "./maintenance";

const START = 1_000 * MINUTE;
const END = START + 60 * MINUTE;
const m = (over: Partial<MaintenanceFacts> = {}): MaintenanceFacts => ({
  status: "scheduled",
  scheduledFor: START,
  scheduledUntil: END,
  autoStart: true,
  autoComplete: true,
  remindBeforeMinutes: 30,
  reminderQueuedAt: null,
  ...over,
});

describe("dueTransition", () => {
  it("does nothing well before the window", () => expect(dueTransition(m(), START - 31 * MINUTE)).toBeNull());
  it("reminds inside the reminder lead time, once", () => {
    expect(dueTransition(m(), START - 30 * MINUTE)).toBe("remind");
    expect(dueTransition(m({ reminderQueuedAt: START - 30 * MINUTE }), START - 10 * MINUTE)).toBeNull();
    expect(dueTransition(m({ remindBeforeMinutes: null }), START - 10 * MINUTE)).toBeNull();
  });
  it("starts at the window's start, and never reminds once it has started", () => {
    expect(dueTransition(m(), START)).toBe("start");
    expect(dueTransition(m(), START + 5 * MINUTE)).toBe("start");
  });
  it("catches up a window that ended while nobody was ticking", () => {
    expect(dueTransition(m(), END)).toBe("start_and_complete");
    expect(dueTransition(m({ autoComplete: false }), END + 1)).toBe("start");
  });
  it("completes at the end, from in progress or verifying", () => {
    expect(dueTransition(m({ status: "in_progress" }), END - 1)).toBeNull();
    expect(dueTransition(m({ status: "in_progress" }), END)).toBe("complete");
    expect(dueTransition(m({ status: "verifying" }), END + 1)).toBe("complete");
    expect(dueTransition(m({ status: "in_progress", autoComplete: false }), END + 1)).toBeNull();
  });
  it("leaves manual windows and finished ones alone", () => {
    expect(dueTransition(m({ autoStart: false }), START + 1)).toBeNull();
    expect(dueTransition(m({ status: "completed" }), END + 1)).toBeNull();
    expect(dueTransition(m({ status: "cancelled" }), START + 1)).toBeNull();
  });
});

describe("canMoveMaintenance", () => {
  it.each([
    ["scheduled", "in_progress", true],
    ["scheduled", "cancelled", true],
    ["scheduled", "completed", false],
    ["scheduled", "verifying", false],
    ["in_progress", "verifying", true],
    ["in_progress", "completed", true],
    ["verifying", "in_progress", true],
    ["verifying", "completed", true],
    ["in_progress", "scheduled", false],
    ["completed", "in_progress", false],
    ["cancelled", "scheduled", false],
  ] as const)("%s -> %s: %s", (from, to, allowed) => expect(canMoveMaintenance(from, to)).toBe(allowed));
});

describe("component precedence", () => {
  it("puts a service under maintenance at the start unless an open incident has it down", () => {
    expect(statusAtMaintenanceStart("operational", false)).toBe("under_maintenance");
    expect(statusAtMaintenanceStart("degraded_performance", false)).toBe("under_maintenance");
    expect(statusAtMaintenanceStart("major_outage", true)).toBeNull();
    expect(statusAtMaintenanceStart("operational", true)).toBe("under_maintenance");
    expect(statusAtMaintenanceStart("under_maintenance", false)).toBeNull();
  });
  it("restores the status from before the window unless something changed it meanwhile", () => {
    expect(statusAfterMaintenance("under_maintenance", "degraded_performance")).toBe("degraded_performance");
    expect(statusAfterMaintenance("under_maintenance", null)).toBe("operational");
    expect(statusAfterMaintenance("major_outage", "operational")).toBeNull();
  });
});

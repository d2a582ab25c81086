import { describe, expect, it } from "vitest";
import { INCIDENT_STATUS_LABELS } from "@/db/constants";
import { bySeverity, deriveIncidentState, restoresOnResolve, updateLabels, type UpdateFacts } from "./incident";

const u = (
  status: UpdateFacts["status"],
  displayAt: number,
  statuses: UpdateFacts["newComponentStatuses"] = [],
  createdAt = displayAt,
): UpdateFacts => ({
  status,
  displayAt,
  createdAt,
  newComponentStatuses: statuses,
});

describe("deriveIncidentState", () => {
  it("takes the status of the newest update and the times of the first identified and monitoring", () => {
    const state = deriveIncidentState(
      "incident",
      [u("monitoring", 300), u("investigating", 100, ["degraded_performance"]), u("identified", 200)],
      null,
      "investigating",
    );
    expect(state).toEqual({
      status: "monitoring",
      impact: "minor",
      identifiedAt: 200,
      monitoringAt: 300,
      resolvedAt: null,
    });
  });

  it("keeps the worst impact reached even after components recover", () => {
    const state = deriveIncidentState(
      "incident",
      [u("investigating", 100, ["major_outage"]), u("resolved", 500, ["operational"])],
      null,
      "investigating",
    );
    expect(state.impact).toBe("critical");
    expect(state.resolvedAt).toBe(500);
  });

  it("honours an impact override", () => {
    expect(
      deriveIncidentState("incident", [u("investigating", 1, ["major_outage"])], "minor", "investigating").impact,
    ).toBe("minor");
  });

  it("orders updates at the same display time by when they were written", () => {
    const state = deriveIncidentState(
      "incident",
      [u("identified", 100, [], 2), u("investigating", 100, [], 1)],
      null,
      "investigating",
    );
    expect(state.status).toBe("identified");
  });

  it("gives a maintenance the maintenance impact and its completion time", () => {
    const state = deriveIncidentState(
      "maintenance",
      [
        u("scheduled", 10),
        u("in_progress", 20, ["under_maintenance"]),
        u("verifying", 30),
        u("completed", 40, ["operational"]),
      ],
      null,
      "scheduled",
    );
    expect(state).toEqual({
      status: "completed",
      impact: "maintenance",
      identifiedAt: null,
      monitoringAt: 30,
      resolvedAt: 40,
    });
  });

  it("falls back to the given status when there is no update yet", () => {
    expect(deriveIncidentState("maintenance", [], null, "scheduled")).toMatchObject({
      status: "scheduled",
      resolvedAt: null,
    });
  });

  it("dates a re-resolved incident by the closing update after the last open one, not the first resolution", () => {
    const state = deriveIncidentState(
      "incident",
      [
        u("investigating", 100),
        u("resolved", 200),
        u("investigating", 300),
        u("monitoring", 350),
        u("resolved", 400),
        u("postmortem", 500),
      ],
      null,
      "investigating",
    );
    expect(state).toMatchObject({ status: "postmortem", resolvedAt: 400 });
  });

  it("clears the resolution time when an incident is reopened", () => {
    const state = deriveIncidentState(
      "incident",
      [u("investigating", 1), u("resolved", 2), u("investigating", 3)],
      null,
      "investigating",
    );
    expect(state.status).toBe("investigating");
    expect(state.resolvedAt).toBeNull();
  });
});

describe("updateLabels", () => {
  it('labels an update whose status did not change as "Update"', () => {
    const labels = updateLabels(
      [
        { status: "investigating" },
        { status: "investigating" },
        { status: "identified" },
        { status: "resolved" },
        { status: "resolved" },
      ],
      INCIDENT_STATUS_LABELS,
    );
    expect(labels).toEqual(["Investigating", "Update", "Identified", "Resolved", "Update"]);
  });
});

describe("bySeverity", () => {
  it("puts the most severe first and, among equals, the newest", () => {
    const sorted = bySeverity([
      { id: "a", impact: "minor" as const, startedAt: 3 },
      { id: "b", impact: "critical" as const, startedAt: 1 },
      { id: "c", impact: "minor" as const, startedAt: 5 },
      { id: "d", impact: "none" as const, startedAt: 9 },
    ]);
    expect(sorted.map((i) => i.id)).toEqual(["b", "c", "a", "d"]);
  });
});

describe("restoresOnResolve", () => {
  it("puts a hurt service back, but not one a maintenance or another open incident has", () => {
    expect(restoresOnResolve("partial_outage", false)).toBe(true);
    expect(restoresOnResolve("degraded_performance", false)).toBe(true);
    expect(restoresOnResolve("major_outage", true)).toBe(false);
    expect(restoresOnResolve("under_maintenance", false)).toBe(false);
    expect(restoresOnResolve("operational", false)).toBe(false);
  });
});

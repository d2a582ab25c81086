import { describe, expect, it } from "vitest";
import type { ComponentStatus } from "@/db/constants";
import { groupStatus, incidentImpact, indicatorFromComponents, pageStatus, visibleComponent } from "./status";

const many = (status: ComponentStatus, n = 3) => Array.from({ length: n }, () => status);

describe("indicatorFromComponents: every row of the spec's table", () => {
  it.each<[string, ComponentStatus[], string, string]>([
    ["all major_outage", many("major_outage"), "critical", "Major System Outage"],
    ["a single component in major_outage", ["major_outage"], "critical", "Major System Outage"],
    ["any major_outage", ["major_outage", "operational", "operational"], "major", "Partial System Outage"],
    ["major next to partial", ["major_outage", "partial_outage"], "major", "Partial System Outage"],
    ["all partial_outage", many("partial_outage"), "major", "Partial System Outage"],
    ["some partial_outage", ["partial_outage", "operational"], "minor", "Minor Service Outage"],
    ["partial next to degraded", ["partial_outage", "degraded_performance"], "minor", "Minor Service Outage"],
    ["all degraded_performance", many("degraded_performance"), "minor", "Degraded System Service"],
    ["some degraded_performance", ["degraded_performance", "operational"], "minor", "Partially Degraded Service"],
    [
      "degraded next to maintenance",
      ["degraded_performance", "under_maintenance"],
      "minor",
      "Partially Degraded Service",
    ],
    [
      "any under_maintenance, nothing worse",
      ["under_maintenance", "operational"],
      "maintenance",
      "Service Under Maintenance",
    ],
    ["all under_maintenance", many("under_maintenance"), "maintenance", "Service Under Maintenance"],
    ["all operational", many("operational"), "none", "All Systems Operational"],
    ["an empty page", [], "none", "All Systems Operational"],
  ])("%s", (_name, statuses, indicator, description) => {
    expect(indicatorFromComponents(statuses)).toEqual({ indicator, description });
  });
});

describe("pageStatus", () => {
  it("is never lower than the worst unresolved incident's impact", () => {
    expect(pageStatus({ componentStatuses: many("operational"), unresolvedIncidentImpacts: ["major"] })).toEqual({
      indicator: "major",
      description: "Partial System Outage",
    });
    expect(pageStatus({ componentStatuses: [], unresolvedIncidentImpacts: ["minor", "critical"] })).toEqual({
      indicator: "critical",
      description: "Major System Outage",
    });
  });

  it("keeps the component-derived description when the incident is not worse", () => {
    expect(
      pageStatus({ componentStatuses: many("degraded_performance"), unresolvedIncidentImpacts: ["minor", "none"] }),
    ).toEqual({ indicator: "minor", description: "Degraded System Service" });
  });

  it("lets an incident of impact none change nothing", () => {
    expect(pageStatus({ componentStatuses: many("operational"), unresolvedIncidentImpacts: ["none"] })).toEqual({
      indicator: "none",
      description: "All Systems Operational",
    });
  });

  it("raises a maintenance indicator to the incident's impact", () => {
    expect(
      pageStatus({ componentStatuses: ["under_maintenance"], unresolvedIncidentImpacts: ["minor"] }).indicator,
    ).toBe("minor");
  });

  it("shows maintenance while a maintenance is in progress and nothing is worse", () => {
    expect(pageStatus({ componentStatuses: many("operational"), maintenanceInProgress: true })).toEqual({
      indicator: "maintenance",
      description: "Service Under Maintenance",
    });
    expect(
      pageStatus({ componentStatuses: ["partial_outage", "operational"], maintenanceInProgress: true }).indicator,
    ).toBe("minor");
  });
});

describe("groupStatus", () => {
  it("is the worst child's status, in the spec's order", () => {
    expect(groupStatus(["operational", "under_maintenance"])).toBe("under_maintenance");
    expect(groupStatus(["under_maintenance", "degraded_performance"])).toBe("degraded_performance");
    expect(groupStatus(["degraded_performance", "partial_outage", "operational"])).toBe("partial_outage");
    expect(groupStatus(["partial_outage", "major_outage"])).toBe("major_outage");
    expect(groupStatus(["operational", "operational"])).toBe("operational");
  });

  it("is operational for an empty group", () => {
    expect(groupStatus([])).toBe("operational");
  });
});

describe("incidentImpact", () => {
  it.each<[ComponentStatus[], string]>([
    [["major_outage", "operational"], "critical"],
    [["partial_outage", "degraded_performance"], "major"],
    [["degraded_performance"], "minor"],
    [["under_maintenance"], "none"],
    [["operational"], "none"],
    [[], "none"],
  ])("derives %j as %s", (statuses, impact) => {
    expect(incidentImpact(statuses)).toBe(impact);
  });

  it("uses the override when one is set, higher or lower", () => {
    expect(incidentImpact(["major_outage"], "minor")).toBe("minor");
    expect(incidentImpact([], "critical")).toBe("critical");
    expect(incidentImpact(["degraded_performance"], null)).toBe("minor");
  });
});

describe("visibleComponent", () => {
  it("hides a service marked 'only show if degraded' while it is operational, and shows it otherwise", () => {
    expect(visibleComponent({ onlyShowIfDegraded: true, status: "operational" })).toBe(false);
    expect(visibleComponent({ onlyShowIfDegraded: true, status: "partial_outage" })).toBe(true);
    expect(visibleComponent({ onlyShowIfDegraded: false, status: "operational" })).toBe(true);
  });
});

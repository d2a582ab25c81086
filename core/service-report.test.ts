import { describe, expect, it } from "vitest";
import {
  heardFromUsFirstRate,
  helpfulShare,
  incidentsByImpact,
  meanTimeToFirstUpdate,
  meanTimeToResolve,
  type ReportIncident,
} from "./service-report";

const MIN = 60_000;
const T = Date.UTC(2026, 10, 10, 9);
// A: major, posted 10 min after its start, resolved after 60 min; a report came 5 min after the start.
// B: minor, posted at its start, resolved after 30 min; its report came 20 min after the start.
// C: major, posted 4 min after its start, unresolved; a report 30 min BEFORE its start (within the hour).
// D: critical, never posted (a draft), unresolved.
const incidents: ReportIncident[] = [
  {
    id: "A",
    impact: "major",
    startedAt: T,
    resolvedAt: T + 60 * MIN,
    firstPostedAt: T + 10 * MIN,
    componentIds: ["mail"],
  },
  {
    id: "B",
    impact: "minor",
    startedAt: T + 100 * MIN,
    resolvedAt: T + 130 * MIN,
    firstPostedAt: T + 100 * MIN,
    componentIds: ["vpn"],
  },
  {
    id: "C",
    impact: "major",
    startedAt: T + 300 * MIN,
    resolvedAt: null,
    firstPostedAt: T + 304 * MIN,
    componentIds: ["wiki"],
  },
  { id: "D", impact: "critical", startedAt: T + 400 * MIN, resolvedAt: null, firstPostedAt: null, componentIds: [] },
];
const reports = [
  { componentId: "mail", createdAt: T + 5 * MIN },
  { componentId: "vpn", createdAt: T + 120 * MIN },
  { componentId: "wiki", createdAt: T + 270 * MIN },
  { componentId: "wiki", createdAt: T + 100 * MIN }, // more than an hour before C: not about it
  { componentId: null, createdAt: T + 1 * MIN }, // "something else": about no incident
];

describe("service report measures", () => {
  it("counts incidents by impact", () => {
    expect(incidentsByImpact(incidents)).toEqual({ none: 0, minor: 1, major: 2, critical: 1 });
  });
  it("averages the time to the first public update over the posted incidents: (10 + 0 + 4) / 3 minutes", () => {
    expect(meanTimeToFirstUpdate(incidents)).toBeCloseTo((14 / 3) * MIN);
  });
  it("counts from detection when a monitor saw it first: A detected 8 min before its start -> (18 + 0 + 4) / 3", () => {
    const detected = incidents.map((i) => (i.id === "A" ? { ...i, detectedAt: T - 8 * MIN } : i));
    expect(meanTimeToFirstUpdate(detected)).toBeCloseTo((22 / 3) * MIN);
    // A detection after the start never shortens the clock.
    const late = incidents.map((i) => (i.id === "A" ? { ...i, detectedAt: T + 5 * MIN } : i));
    expect(meanTimeToFirstUpdate(late)).toBeCloseTo((14 / 3) * MIN);
  });
  it("averages the time to resolution over the resolved incidents: (60 + 30) / 2 = 45 minutes", () => {
    expect(meanTimeToResolve(incidents)).toBe(45 * MIN);
  });
  it("heard it from us first: only B was posted before its first report, so 1 of 3 posted incidents", () => {
    expect(heardFromUsFirstRate(incidents, reports)).toBeCloseTo(1 / 3);
  });
  it("counts an incident nobody reported as heard from us first", () => {
    expect(heardFromUsFirstRate([incidents[0]], [])).toBe(1);
  });
  it("shares of Yes: 3 of 4", () => {
    expect(helpfulShare([{ helpful: true }, { helpful: true }, { helpful: false }, { helpful: true }])).toBe(0.75);
  });
  it("has no figure where there is nothing to measure", () => {
    expect(meanTimeToFirstUpdate([])).toBeNull();
    expect(meanTimeToResolve([incidents[3]])).toBeNull();
    expect(heardFromUsFirstRate([incidents[3]], reports)).toBeNull();
    expect(helpfulShare([])).toBeNull();
  });
});

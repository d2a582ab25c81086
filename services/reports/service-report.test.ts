// The service report over a real database: a month with one incident reported by visitors before it was
// posted, one posted first, and votes; figures worked out by hand. And its CSV.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { MINUTE } from "@/core/time";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { castVote } from "@/services/votes/vote";
import { buildServiceReport, serviceReportCsv, serviceReportFor } from "./service-report";
import { submitVisitorReport } from "./submit";

const system = { type: "system" as const, label: "automation" as const };
const T = Date.UTC(2026, 10, 10, 9);
const november = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), timeZone: "UTC" };
let world: World;
let db: Db;
beforeEach(() => {
  world = makeWorld();
  db = world.db;
});
afterEach(() => db.$client.close());

describe("buildServiceReport", () => {
  it("measures a month", () => {
    // Mail: two visitors report at T and T+2; the incident is posted at T+6 and resolved at T+46.
    submitVisitorReport(db, { service: world.webmail, problem: "unavailable" }, "a", T);
    submitVisitorReport(db, { service: world.webmail, problem: "slow" }, "b", T + 2 * MINUTE);
    const mail = createIncident(
      db,
      system,
      {
        name: "Mail down",
        status: "investigating",
        message: "Looking",
        componentStatuses: { [world.webmail]: "major_outage" },
        notify: false,
      },
      T + 6 * MINUTE,
    );
    addIncidentUpdate(db, system, mail.id, { status: "resolved", message: "Fixed", notify: false }, T + 46 * MINUTE);
    // VPN: posted first at T+100, a report at T+110 (it joins the open incident), resolved at T+120.
    const vpn = createIncident(
      db,
      system,
      {
        name: "VPN slow",
        status: "investigating",
        message: "Slow",
        componentStatuses: { [world.vpn]: "degraded_performance" },
        notify: false,
      },
      T + 100 * MINUTE,
    );
    submitVisitorReport(db, { service: world.vpn, problem: "slow" }, "c", T + 110 * MINUTE);
    addIncidentUpdate(db, system, vpn.id, { status: "resolved", message: "Fine", notify: false }, T + 120 * MINUTE);
    for (const [cookie, helpful] of [
      ["cookie-one-aaaaaaaaaa", "yes"],
      ["cookie-two-bbbbbbbbbb", "no"],
      ["cookie-three-cccccccc", "yes"],
    ] as const)
      castVote(db, mail.updateId, { visitorCookie: cookie }, { helpful }, cookie, T + 50 * MINUTE);
    // December does not count.
    createIncident(
      db,
      system,
      { name: "Later", status: "investigating", message: "x", notify: false },
      Date.UTC(2026, 11, 2),
    );

    const report = buildServiceReport(db, world.pageId, november);
    expect(report.incidents.map((i) => i.name)).toEqual(["Mail down", "VPN slow"]);
    expect(report.byImpact).toEqual({ none: 0, minor: 1, major: 0, critical: 1 });
    expect(report.timeToFirstUpdateMs).toBe(0); // each declared with its first update
    expect(report.mttrMs).toBe(((46 - 6 + (120 - 100)) / 2) * MINUTE); // 30 minutes
    expect(report.heardFromUsFirst).toBe(0.5); // mail was reported first, VPN posted first
    expect(report.reportCount).toBe(3);
    expect(report.helpful).toBeCloseTo(2 / 3);
    expect(report.voteCount).toBe(3);

    const csv = serviceReportCsv(report);
    expect(csv).toContain("mean minutes to resolution (MTTR),30\r\n");
    expect(csv).toContain("heard it from us first (%),50\r\n");
    expect(csv).toContain("helpful votes (% yes),66.7\r\n");
    expect(csv).toContain("Mail down,Critical,2026-11-10T09:06:00.000Z,0,40\r\n");
  });

  it("neutralises spreadsheet formulas in names", () => {
    createIncident(db, system, { name: "=HYPERLINK(1)", status: "investigating", message: "x", notify: false }, T);
    expect(serviceReportCsv(buildServiceReport(db, world.pageId, november))).toContain("'=HYPERLINK(1),None,");
  });

  it("answers a period in the future, before the page existed, or not a period, with why", () => {
    const page = { id: world.pageId, createdAt: Date.UTC(2026, 2, 1), timeZone: "UTC" };
    const now = Date.UTC(2026, 10, 15);
    expect(serviceReportFor(db, page, "2026-12", now)).toMatchObject({
      problem: "That period has not started yet.",
      report: null,
    });
    expect(serviceReportFor(db, page, "2025", now).problem).toBe("That period ends before this status page existed.");
    expect(serviceReportFor(db, page, "last month", now).problem).toContain("Choose a month");
    expect(serviceReportFor(db, page, undefined, now)).toMatchObject({ value: "2026-11", problem: null });
  });
});

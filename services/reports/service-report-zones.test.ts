// Report periods follow the page's calendar: for a page in New York, Auckland, Kolkata or Berlin, an incident
// at 23:30 local on the last day of November, and the visitor report and vote around it, are November's (not
// December's, as UTC months would have it west of UTC), and one at 00:30 on 1 November is too (not October's,
// as UTC months would have it east of UTC), over a real database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { pages } from "@/db/schema";
import { monthlyReportQueued } from "@/db/queries/service-report-settings";
import { MINUTE } from "@/core/time";
import { zonedToUtc } from "@/core/time-zone";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { castVote } from "@/services/votes/vote";
import { queueMonthlyReports } from "./monthly-email";
import { serviceReportCsv, serviceReportFor } from "./service-report";
import { submitVisitorReport } from "./submit";

const system = { type: "system" as const, label: "automation" as const };
const now = Date.UTC(2026, 11, 20);
let world: World;
let db: Db;
beforeEach(() => {
  world = makeWorld();
  db = world.db;
});
afterEach(() => db.$client.close());

function pageIn(timeZone: string) {
  db.update(pages)
    .set({ timeZone, createdAt: Date.UTC(2026, 0, 1) })
    .run();
  return { id: world.pageId, createdAt: Date.UTC(2026, 0, 1), timeZone };
}

/** 20 minutes of major outage from 23:30 local on 30 November, reported by a visitor at 23:25, one vote. */
function lateOnTheLastDay(timeZone: string) {
  const at = zonedToUtc(2026, 11, 30, 23, 30, timeZone);
  submitVisitorReport(db, { service: world.webmail, problem: "unavailable" }, "a", at - 5 * MINUTE);
  const i = createIncident(
    db,
    system,
    {
      name: "Late outage",
      status: "investigating",
      message: "Looking",
      componentStatuses: { [world.webmail]: "major_outage" },
      notify: false,
    },
    at,
  );
  castVote(db, i.updateId, { visitorCookie: "cookie-one-aaaaaaaaaa" }, { helpful: "yes" }, "x", at + MINUTE);
  addIncidentUpdate(db, system, i.id, { status: "resolved", message: "Fixed", notify: false }, at + 20 * MINUTE);
  return at;
}

describe.each(["America/New_York", "Pacific/Auckland", "Asia/Kolkata", "Europe/Berlin"])("a page in %s", (zone) => {
  it("counts 23:30 on 30 November in November, every measure", () => {
    const page = pageIn(zone);
    lateOnTheLastDay(zone);
    const early = createIncident(
      db,
      system,
      { name: "Early blip", status: "investigating", message: "x", notify: false },
      zonedToUtc(2026, 11, 1, 0, 30, zone),
    );
    addIncidentUpdate(
      db,
      system,
      early.id,
      { status: "resolved", message: "ok", notify: false },
      zonedToUtc(2026, 11, 1, 0, 40, zone),
    );
    const nov = serviceReportFor(db, page, "2026-11", now).report!;
    expect(nov.incidents.map((i) => i.name)).toEqual(["Early blip", "Late outage"]);
    expect(nov.byImpact.critical).toBe(1);
    expect(nov.mttrMs).toBe(15 * MINUTE); // (10 + 20) / 2
    expect(nov.timeToFirstUpdateMs).toBe(0);
    expect(nov.heardFromUsFirst).toBe(0.5); // the visitor told us of the late one five minutes before we did
    expect(nov.reportCount).toBe(1);
    expect(nov.voteCount).toBe(1);
    const mail = nov.services.find((s) => s.name === "Webmail")!;
    expect(mail.minutes.major_outage).toBe(20);
    expect(mail.daysBelow).toEqual(["2026-11-30"]);
    expect(nov.overall.daysBelow).toEqual(["2026-11-30"]);
    // The CSV's dates stay machine-readable instants (UTC, ISO 8601) whatever the zone.
    expect(serviceReportCsv(nov, "incidents")).toContain(
      new Date(zonedToUtc(2026, 11, 30, 23, 30, zone)).toISOString(),
    );

    expect(serviceReportFor(db, page, "2026-10", now).report!.incidents).toEqual([]);
    const dec = serviceReportFor(db, page, "2026-12", now).report!;
    expect(dec.incidents).toEqual([]);
    expect(dec.reportCount).toBe(0);
    expect(dec.voteCount).toBe(0);
    expect(dec.services.find((s) => s.name === "Webmail")!.minutes.major_outage).toBe(0);
    expect(dec.overall.daysBelow).toEqual([]);
  });

  it("shows this month by the page's calendar", () => {
    const page = pageIn(zone);
    const late = zonedToUtc(2026, 11, 30, 23, 45, zone);
    expect(serviceReportFor(db, page, undefined, late)).toMatchObject({ value: "2026-11", problem: null });
    expect(serviceReportFor(db, page, undefined, late + 30 * MINUTE).value).toBe("2026-12");
    // December has not begun there yet at 23:45 on the 30th.
    expect(serviceReportFor(db, page, "2026-12", late).problem).toBe("That period has not started yet.");
  });

  it("queues November's email once November has ended there, not before", () => {
    pageIn(zone);
    const midnight = zonedToUtc(2026, 12, 1, 0, 0, zone);
    queueMonthlyReports(db, midnight - MINUTE);
    expect(monthlyReportQueued(db, "2026-11")).toBe(false);
    queueMonthlyReports(db, midnight + MINUTE);
    expect(monthlyReportQueued(db, "2026-11")).toBe(true);
  });
});

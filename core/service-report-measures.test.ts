import { describe, expect, it } from "vitest";
import {
  availabilityTargetProblem,
  detectedAt,
  overallAvailability,
  plannedWork,
  reach,
  serviceAvailability,
} from "./service-report-measures";
import { parsePeriod } from "./report-period";
import { DAY, HOUR, MINUTE } from "./time";
import { zonedToUtc } from "./time-zone";

// November 2026: 30 days, 43,200 minutes.
const nov = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), timeZone: "UTC" };
const after = nov.to + DAY;

describe("availability against the target", () => {
  // Operational from before the month; a major outage of 60 min on the 3rd, a partial outage of 100 min on the
  // 10th (weighted 0.3: 30 min), and 20 min degraded on the 20th (weight 0).
  const d = (day: number, h: number) => Date.UTC(2026, 10, day, h);
  const changes = [
    { status: "operational" as const, at: Date.UTC(2026, 9, 1) },
    { status: "major_outage" as const, at: d(3, 10) },
    { status: "operational" as const, at: d(3, 11) },
    { status: "partial_outage" as const, at: d(10, 10) },
    { status: "operational" as const, at: d(10, 10) + 100 * MINUTE },
    { status: "degraded_performance" as const, at: d(20, 10) },
    { status: "operational" as const, at: d(20, 10) + 20 * MINUTE },
  ];
  const mail = serviceAvailability({ id: "mail", target: 99.9 }, changes, nov, after);

  it("weights downtime as the public page does: 1 - (60 + 30) / 43,200", () => {
    expect(mail.availability).toBeCloseTo(1 - 90 / 43_200, 10);
  });
  it("counts the minutes in each downtime status, unweighted", () => {
    expect(mail.minutes).toEqual({ major_outage: 60, partial_outage: 100, degraded_performance: 20 });
  });
  it("names the days below the target: the 3rd (1 - 60/1440 = 95.8%) and the 10th (1 - 30/1440 = 97.9%)", () => {
    expect(mail.daysBelow).toEqual(["2026-11-03", "2026-11-10"]);
  });
  it("a looser target leaves only the worse day below it", () => {
    expect(serviceAvailability({ id: "mail", target: 97 }, changes, nov, after).daysBelow).toEqual(["2026-11-03"]);
  });
  it("stops at now and has no data before the first row", () => {
    const wiki = serviceAvailability(
      { id: "wiki", target: 99 },
      [{ status: "operational", at: d(29, 0) }],
      nov,
      d(29, 12),
    );
    expect(wiki.availability).toBe(1);
    expect(wiki.daysBelow).toEqual([]);
    expect(serviceAvailability({ id: "x", target: 99 }, [], nov, after).availability).toBeNull();
  });
  it("measures the page's local days: a month with a DST change, outages late on the last evening", () => {
    // Berlin, March 2026: 743 hours (the 29th has 23). 30 minutes of major outage from 23:15 local on the 31st
    // (21:15 UTC) count in March; in UTC days they would fall on the 31st too, but in April's period not at all.
    const march = parsePeriod("2026-03", "Europe/Berlin")!;
    const late = zonedToUtc(2026, 3, 31, 23, 15, "Europe/Berlin");
    const rows = [
      { status: "operational" as const, at: Date.UTC(2026, 1, 1) },
      { status: "major_outage" as const, at: late },
      { status: "operational" as const, at: late + 30 * MINUTE },
      // 00:30-01:30 local on 1 March is 23:30-00:30 UTC across 28 February: a UTC month would miss half.
      { status: "major_outage" as const, at: zonedToUtc(2026, 3, 1, 0, 30, "Europe/Berlin") },
      { status: "operational" as const, at: zonedToUtc(2026, 3, 1, 1, 30, "Europe/Berlin") },
    ].sort((a, b) => a.at - b.at);
    const s = serviceAvailability({ id: "mail", target: 99.9 }, rows, march, Date.UTC(2026, 5, 1));
    expect(s.minutes.major_outage).toBe(90);
    expect(s.availability).toBeCloseTo(1 - 90 / (743 * 60), 10);
    expect(s.daysBelow).toEqual(["2026-03-01", "2026-03-31"]);
    const april = serviceAvailability(
      { id: "mail", target: 99.9 },
      rows,
      parsePeriod("2026-04", "Europe/Berlin")!,
      Date.UTC(2026, 5, 1),
    );
    expect(april.minutes.major_outage).toBe(0);
    expect(april.daysBelow).toEqual([]);
  });
  it("overall: the mean of the services with data, minutes summed, days below any service's own target", () => {
    const wiki = serviceAvailability(
      { id: "wiki", target: 99.99 },
      [
        { status: "operational", at: Date.UTC(2026, 9, 1) },
        { status: "major_outage", at: d(3, 0) },
        { status: "operational", at: d(3, 0) + 30 * MINUTE },
        { status: "major_outage", at: d(15, 0) },
        { status: "operational", at: d(15, 0) + 10 * MINUTE },
      ],
      nov,
      after,
    );
    const none = serviceAvailability({ id: "none", target: 99 }, [], nov, after);
    const all = overallAvailability([mail, wiki, none]);
    expect(all.availability).toBeCloseTo((1 - 90 / 43_200 + (1 - 40 / 43_200)) / 2, 10);
    expect(all.minutes).toEqual({ major_outage: 100, partial_outage: 100, degraded_performance: 20 });
    expect(all.target).toBe(99.99);
    expect(all.daysBelow).toEqual(["2026-11-03", "2026-11-10", "2026-11-15"]);
  });
});

describe("availabilityTargetProblem", () => {
  it.each([99.9, 100, 0.1, 50])("accepts %s", (t) => expect(availabilityTargetProblem(t)).toBeNull());
  it.each([0, -1, 100.01, 101, Number.NaN])("refuses %s", (t) =>
    expect(availabilityTargetProblem(t)).toMatch(/target/),
  );
});

describe("detectedAt", () => {
  const T = Date.UTC(2026, 10, 10, 9);
  const incident = { startedAt: T, componentIds: ["mail", "vpn"] };
  it("starts the clock at the earliest claim on one of its services within the hour before", () => {
    const claims = [
      { componentId: "mail", since: T - 12 * MINUTE },
      { componentId: "vpn", since: T - 7 * MINUTE },
      { componentId: "wiki", since: T - 30 * MINUTE }, // another service
      { componentId: "mail", since: T - 2 * HOUR }, // too long before: another failure
    ];
    expect(detectedAt(incident, claims)).toBe(T - 12 * MINUTE);
  });
  it("is the incident's start when nothing saw it first", () => {
    expect(detectedAt(incident, [{ componentId: "mail", since: T + 5 * MINUTE }])).toBe(T);
    expect(detectedAt(incident, [])).toBe(T);
  });
});

describe("plannedWork", () => {
  const S = Date.UTC(2026, 10, 5, 22);
  const w = {
    scheduledFor: S,
    scheduledUntil: S + 2 * HOUR,
    resolvedAt: null,
    cancelledAt: null,
    reminderQueuedAt: null,
  };
  it("counts done, within the window, overrun, cancelled and reminders", () => {
    const list = [
      { ...w, resolvedAt: S + HOUR, reminderQueuedAt: S - HOUR }, // done within
      { ...w, resolvedAt: S + 2 * HOUR }, // done exactly at the end: within
      { ...w, resolvedAt: S + 3 * HOUR, reminderQueuedAt: S - HOUR }, // done, overrun
      { ...w, cancelledAt: S - DAY, reminderQueuedAt: S - 2 * DAY }, // cancelled
      { ...w }, // still open past its end: overrun
      { ...w, scheduledFor: S + 10 * DAY, scheduledUntil: S + 10 * DAY + HOUR }, // not yet due
    ];
    expect(plannedWork(list, S + 5 * DAY)).toEqual({
      scheduled: 6,
      done: 3,
      withinWindow: 2,
      overrun: 2,
      cancelled: 1,
      remindersSent: 3,
    });
  });
});

describe("reach", () => {
  it("counts subscribers per channel, recipients delivered and the median delivery time", () => {
    const T = Date.UTC(2026, 10, 10, 9);
    const r = reach(
      ["email", "email", "sms", "webhook", "email", "chat"],
      [
        { recipients: 100, completedAt: T + 4_000, updatePostedAt: T },
        { recipients: 3, completedAt: T + 10_000, updatePostedAt: T },
        { recipients: 1, completedAt: T + 2_000, updatePostedAt: T },
        { recipients: 1, completedAt: T + 1_000, updatePostedAt: T + 2_000 }, // clock skew: 0
        { recipients: 1, completedAt: T, updatePostedAt: null }, // a confirmation: counted, not timed
      ],
    );
    expect(r.perChannel).toEqual({ email: 3, webhook: 1, chat: 1, sms: 1 });
    expect(r.delivered).toBe(106);
    // Times 4,000, 10,000, 2,000, 0: median (2,000 + 4,000) / 2.
    expect(r.medianDeliveryMs).toBe(3_000);
    expect(reach([], []).medianDeliveryMs).toBeNull();
  });
});

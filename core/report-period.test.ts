import { describe, expect, it } from "vitest";
import { HOUR } from "./time";
import { zonedToUtc } from "./time-zone";
import { currentMonth, parsePeriod, periodDays, periodProblem, previousMonth } from "./report-period";

const hours = (p: { from: number; to: number } | null) => (p!.to - p!.from) / HOUR;

describe("report periods", () => {
  it("reads a month, a quarter and a year (UTC)", () => {
    expect(parsePeriod("2026-11", "UTC")).toMatchObject({
      kind: "month",
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
    });
    expect(parsePeriod("2026-Q4", "UTC")).toMatchObject({ from: Date.UTC(2026, 9, 1), to: Date.UTC(2027, 0, 1) });
    expect(parsePeriod("2026", "UTC")).toMatchObject({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2027, 0, 1) });
    for (const bad of ["2026-13", "2026-Q5", "26", "2026-1", "x"]) expect(parsePeriod(bad, "UTC")).toBeNull();
  });

  it("starts and ends at local midnight in the page's zone", () => {
    // Berlin is UTC+1 in November and December: the month starts at 23:00 UTC the day before.
    expect(parsePeriod("2026-11", "Europe/Berlin")).toMatchObject({
      from: Date.UTC(2026, 9, 31, 23),
      to: Date.UTC(2026, 10, 30, 23),
    });
    // Auckland is UTC+13 in summer: its December starts at 11:00 UTC on 30 November.
    expect(parsePeriod("2026-12", "Pacific/Auckland")).toMatchObject({
      from: Date.UTC(2026, 10, 30, 11),
      to: Date.UTC(2026, 11, 31, 11),
    });
    // Kolkata is UTC+5:30 all year, with no daylight saving.
    expect(parsePeriod("2026", "Asia/Kolkata")).toMatchObject({
      from: Date.UTC(2025, 11, 31, 18, 30),
      to: Date.UTC(2026, 11, 31, 18, 30),
    });
    // New York's fourth quarter: EDT (UTC-4) at its start, EST (UTC-5) at its end.
    expect(parsePeriod("2026-Q4", "America/New_York")).toMatchObject({
      from: Date.UTC(2026, 9, 1, 4),
      to: Date.UTC(2027, 0, 1, 5),
    });
  });

  it("gives a month with a daylight-saving change its 743 or 745 hours", () => {
    expect(hours(parsePeriod("2026-03", "Europe/Berlin"))).toBe(743);
    expect(hours(parsePeriod("2026-10", "Europe/Berlin"))).toBe(745);
    expect(hours(parsePeriod("2026-03", "America/New_York"))).toBe(743);
    expect(hours(parsePeriod("2026-11", "America/New_York"))).toBe(721);
    // Auckland's clocks go back in April and forward in September.
    expect(hours(parsePeriod("2026-04", "Pacific/Auckland"))).toBe(721);
    expect(hours(parsePeriod("2026-09", "Pacific/Auckland"))).toBe(719);
    expect(hours(parsePeriod("2026-03", "Asia/Kolkata"))).toBe(744);
  });

  it("cuts a period into local days, one of 23 hours on the change", () => {
    const days = periodDays(parsePeriod("2026-03", "Europe/Berlin")!);
    expect(days).toHaveLength(31);
    expect(days[0]).toMatchObject({ date: "2026-03-01", start: Date.UTC(2026, 1, 28, 23) });
    expect(days[30]).toMatchObject({ date: "2026-03-31", end: Date.UTC(2026, 2, 31, 22) });
    const short = days.filter((d) => d.end - d.start !== 24 * HOUR);
    expect(short.map((d) => [d.date, (d.end - d.start) / HOUR])).toEqual([["2026-03-29", 23]]);
    const autumn = periodDays(parsePeriod("2026-11", "America/New_York")!);
    expect(autumn.filter((d) => d.end - d.start === 25 * HOUR).map((d) => d.date)).toEqual(["2026-11-01"]);
    expect(periodDays(parsePeriod("2026", "Pacific/Auckland")!)).toHaveLength(365);
  });

  it("puts 23:30 local on the last day in that month, not the next", () => {
    for (const zone of ["Europe/Berlin", "America/New_York", "Pacific/Auckland", "Asia/Kolkata"]) {
      const lateOnThe31st = zonedToUtc(2026, 10, 31, 23, 30, zone);
      const october = parsePeriod("2026-10", zone)!;
      const november = parsePeriod("2026-11", zone)!;
      expect(lateOnThe31st >= october.from && lateOnThe31st < october.to, zone).toBe(true);
      expect(lateOnThe31st >= november.from, zone).toBe(false);
      expect(currentMonth(lateOnThe31st, zone), zone).toBe("2026-10");
    }
  });

  it("names this month and the last one on the zone's calendar", () => {
    // 1 December 00:05 UTC is still 30 November in New York, already 1 December in Auckland.
    const at = Date.UTC(2026, 11, 1, 0, 5);
    expect(previousMonth(at, "America/New_York")).toBe("2026-10");
    expect(previousMonth(at, "Pacific/Auckland")).toBe("2026-11");
    expect(previousMonth(Date.UTC(2027, 0, 3), "UTC")).toBe("2026-12");
    expect(currentMonth(at, "UTC")).toBe("2026-12");
  });

  it("refuses a period in the future or before the page existed", () => {
    const now = Date.UTC(2026, 10, 15);
    const created = Date.UTC(2026, 2, 1);
    const p = (v: string) => parsePeriod(v, "UTC")!;
    expect(periodProblem(p("2026-12"), now, created)).toBe("That period has not started yet.");
    expect(periodProblem(p("2026-02"), now, created)).toBe("That period ends before this status page existed.");
    expect(periodProblem(p("2026-11"), now, created)).toBeNull();
    expect(periodProblem(p("2026-03"), now, created)).toBeNull();
  });
});

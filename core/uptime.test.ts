import { describe, expect, it } from "vitest";
import { HOUR, MINUTE } from "@/core/time";
import {
  dailyUptime,
  formatUptime,
  groupDailyUptime,
  groupPeriodUptime,
  periodUptime,
  type DayUptime,
  type StatusChange,
} from "./uptime";
import { historyPageMonths, lastLocalDays, localDate, parsePageNumber, startOfLocalDay } from "./time-zone";

const utc = (iso: string) => Date.parse(iso);

function uptimeFor(changes: StatusChange[], nowIso: string, count: number, timeZone = "Etc/UTC", startDate?: string) {
  const now = utc(nowIso);
  return dailyUptime({ changes, days: lastLocalDays(now, count, timeZone), now, startDate });
}

describe("time-zone days", () => {
  it("finds local midnight east and west of UTC", () => {
    expect(new Date(startOfLocalDay("2026-06-10", "Pacific/Auckland")).toISOString()).toBe("2026-06-09T12:00:00.000Z");
    expect(new Date(startOfLocalDay("2026-06-10", "Pacific/Tongatapu")).toISOString()).toBe("2026-06-09T11:00:00.000Z");
    expect(new Date(startOfLocalDay("2026-06-10", "Pacific/Honolulu")).toISOString()).toBe("2026-06-10T10:00:00.000Z");
    expect(localDate(utc("2026-06-10T10:30:00Z"), "Pacific/Tongatapu")).toBe("2026-06-10");
    expect(localDate(utc("2026-06-10T11:30:00Z"), "Pacific/Tongatapu")).toBe("2026-06-11");
  });

  it("gives daylight-saving change days their real 23 and 25 hours", () => {
    const spring = lastLocalDays(utc("2026-03-29T12:00:00Z"), 2, "Europe/Berlin");
    expect(spring.map((d) => d.date)).toEqual(["2026-03-28", "2026-03-29"]);
    expect(spring[1].end - spring[1].start).toBe(23 * HOUR);
    const autumn = lastLocalDays(utc("2026-10-25T12:00:00Z"), 1, "Europe/Berlin");
    expect(autumn[0].end - autumn[0].start).toBe(25 * HOUR);
  });
});

describe("dailyUptime", () => {
  it("counts a major outage crossing midnight on both days", () => {
    const days = uptimeFor(
      [
        { status: "operational", at: utc("2026-01-01T00:00:00Z") },
        { status: "major_outage", at: utc("2026-01-09T22:00:00Z") },
        { status: "operational", at: utc("2026-01-10T03:00:00Z") },
      ],
      "2026-01-11T00:00:00Z",
      3,
    );
    expect(days.map((d) => d.date)).toEqual(["2026-01-09", "2026-01-10", "2026-01-11"]);
    expect(days[0]).toMatchObject({ worst: "major_outage", downtime: 2 * HOUR });
    expect(days[0].uptime).toBeCloseTo(22 / 24, 10);
    expect(days[1]).toMatchObject({ worst: "major_outage", downtime: 3 * HOUR });
    expect(days[1].uptime).toBeCloseTo(21 / 24, 10);
  });

  it("weights partial outage at 0.3 and does not count degraded or maintenance", () => {
    const [day] = uptimeFor(
      [
        { status: "operational", at: utc("2025-12-01T00:00:00Z") },
        { status: "partial_outage", at: utc("2026-01-10T00:00:00Z") },
        { status: "degraded_performance", at: utc("2026-01-10T10:00:00Z") },
        { status: "under_maintenance", at: utc("2026-01-10T12:00:00Z") },
        { status: "operational", at: utc("2026-01-10T14:00:00Z") },
      ],
      "2026-01-11T00:00:00Z",
      2,
    );
    expect(day.date).toBe("2026-01-10");
    expect(day.worst).toBe("partial_outage");
    expect(day.downtime).toBeCloseTo(10 * HOUR * 0.3, 6);
    expect(day.uptime).toBeCloseTo(1 - 3 / 24, 10);
  });

  it("uses the status from before the window and keeps an open interval until now", () => {
    const days = uptimeFor(
      [
        { status: "operational", at: utc("2025-01-01T00:00:00Z") },
        { status: "major_outage", at: utc("2026-01-08T12:00:00Z") },
      ],
      "2026-01-10T06:00:00Z",
      2,
    );
    expect(days[0]).toMatchObject({ date: "2026-01-09", uptime: 0, worst: "major_outage", observed: 24 * HOUR });
    // Today is only six hours old, all of it down; the future part of the day is not counted.
    expect(days[1]).toMatchObject({ date: "2026-01-10", uptime: 0, observed: 6 * HOUR });
  });

  it("handles rows out of order and several rows at the same instant (the later row wins)", () => {
    const [day] = uptimeFor(
      [
        { status: "operational", at: utc("2026-01-10T13:00:00Z") },
        { status: "major_outage", at: utc("2026-01-10T12:00:00Z") },
        { status: "operational", at: utc("2026-01-01T00:00:00Z") },
        { status: "partial_outage", at: utc("2026-01-10T12:00:00Z") },
      ],
      "2026-01-11T00:00:00Z",
      2,
    );
    expect(day.worst).not.toBeNull();
    expect(day.downtime).toBeLessThanOrEqual(HOUR);
    expect(day.uptime).toBeGreaterThanOrEqual(23 / 24);
  });

  it("shows days before the start date, and before the first row, as no data", () => {
    const rows: StatusChange[] = [{ status: "operational", at: utc("2026-01-09T18:00:00Z") }];
    const days = uptimeFor(rows, "2026-01-11T06:00:00Z", 4, "Etc/UTC", "2026-01-10");
    expect(days.map((d) => d.date)).toEqual(["2026-01-08", "2026-01-09", "2026-01-10", "2026-01-11"]);
    expect(days.map((d) => d.uptime)).toEqual([null, null, 1, 1]);
    const withoutStartDate = uptimeFor(rows, "2026-01-11T06:00:00Z", 4);
    expect(withoutStartDate.map((d) => d.uptime)).toEqual([null, 1, 1, 1]);
    expect(withoutStartDate[1].observed).toBe(6 * HOUR);
    expect(withoutStartDate[3].observed).toBe(6 * HOUR);
    expect(days[0].worst).toBeNull();
  });

  it("splits days at local midnight on a UTC+13 page", () => {
    // 2026-01-10 in Tonga (UTC+13) runs from 2026-01-09T11:00Z to 2026-01-10T11:00Z.
    const days = uptimeFor(
      [
        { status: "operational", at: utc("2025-01-01T00:00:00Z") },
        { status: "major_outage", at: utc("2026-01-10T10:00:00Z") },
        { status: "operational", at: utc("2026-01-10T12:00:00Z") },
      ],
      "2026-01-11T11:00:00Z",
      3,
      "Pacific/Tongatapu",
    );
    expect(days.map((d) => d.date)).toEqual(["2026-01-10", "2026-01-11", "2026-01-12"]);
    expect(days[0].downtime).toBe(HOUR);
    expect(days[1].downtime).toBe(HOUR);
  });

  it("splits days at local midnight on a UTC-10 page", () => {
    // Honolulu's 2026-01-10 runs from 2026-01-10T10:00Z to 2026-01-11T10:00Z.
    const days = uptimeFor(
      [
        { status: "operational", at: utc("2025-01-01T00:00:00Z") },
        { status: "partial_outage", at: utc("2026-01-10T09:00:00Z") },
        { status: "operational", at: utc("2026-01-10T10:30:00Z") },
      ],
      "2026-01-11T12:00:00Z",
      3,
      "Pacific/Honolulu",
    );
    expect(days.map((d) => d.date)).toEqual(["2026-01-09", "2026-01-10", "2026-01-11"]);
    expect(days[0].downtime).toBeCloseTo(HOUR * 0.3, 6);
    expect(days[1].downtime).toBeCloseTo(30 * MINUTE * 0.3, 6);
  });

  it("measures a 23-hour daylight-saving day against 23 hours", () => {
    const days = uptimeFor(
      [
        { status: "operational", at: utc("2025-01-01T00:00:00Z") },
        { status: "major_outage", at: utc("2026-03-29T10:00:00Z") },
        { status: "operational", at: utc("2026-03-29T12:00:00Z") },
      ],
      "2026-03-30T12:00:00Z",
      2,
      "Europe/Berlin",
    );
    expect(days[0]).toMatchObject({ date: "2026-03-29", observed: 23 * HOUR, downtime: 2 * HOUR });
    expect(days[0].uptime).toBeCloseTo(21 / 23, 10);
  });

  it("measures a 25-hour daylight-saving day against 25 hours", () => {
    const days = uptimeFor(
      [
        { status: "operational", at: utc("2025-01-01T00:00:00Z") },
        { status: "major_outage", at: utc("2026-10-25T10:00:00Z") },
        { status: "operational", at: utc("2026-10-25T15:00:00Z") },
      ],
      "2026-10-26T12:00:00Z",
      2,
      "Europe/Berlin",
    );
    expect(days[0]).toMatchObject({ date: "2026-10-25", observed: 25 * HOUR, downtime: 5 * HOUR });
    expect(days[0].uptime).toBeCloseTo(20 / 25, 10);
  });
});

describe("periodUptime and formatUptime", () => {
  it("weights days by observed time and never rounds downtime up to 100%", () => {
    const days = uptimeFor(
      [
        { status: "operational", at: utc("2025-01-01T00:00:00Z") },
        { status: "major_outage", at: utc("2026-01-05T00:00:00Z") },
        { status: "operational", at: utc("2026-01-05T00:00:10Z") },
      ],
      "2026-01-11T00:00:00Z",
      90,
    );
    const uptime = periodUptime(days)!;
    expect(uptime).toBeLessThan(1);
    expect(formatUptime(uptime)).toBe("99.99%");
    expect(formatUptime(1)).toBe("100.00%");
    expect(formatUptime(null)).toBe("No data");
    expect(periodUptime([])).toBeNull();
  });
});

describe("history paging", () => {
  it("pages three months at a time in the page's zone", () => {
    expect(historyPageMonths(utc("2026-01-15T00:00:00Z"), 1, "Etc/UTC")).toEqual(["2026-01", "2025-12", "2025-11"]);
    expect(historyPageMonths(utc("2026-01-15T00:00:00Z"), 2, "Etc/UTC")).toEqual(["2025-10", "2025-09", "2025-08"]);
    // Already February in Tonga.
    expect(historyPageMonths(utc("2026-01-31T12:00:00Z"), 1, "Pacific/Tongatapu")[0]).toBe("2026-02");
  });
  it.each([
    ["2", 2],
    ["0", 1],
    ["-1", 1],
    ["abc", 1],
    ["1e3", 1],
    ["99999", 1],
    [undefined, 1],
    [["2", "3"], 1],
  ])("reads ?page=%j as %d", (value, page) => {
    expect(parsePageNumber(value)).toBe(page);
  });
});

describe("a group's uptime", () => {
  const day = (date: string, uptime: number | null, worst: DayUptime["worst"], observed = 100): DayUptime => ({
    date,
    uptime,
    worst,
    downtime: uptime === null ? 0 : (1 - uptime) * observed,
    observed: uptime === null ? 0 : observed,
  });

  it("is the mean of its children's, day by day, with the worst status of any child; children without data are left out", () => {
    const a = [day("2026-11-22", 1, "operational"), day("2026-11-23", 0.5, "major_outage")];
    const b = [day("2026-11-22", 0.9, "partial_outage"), day("2026-11-23", null, null)];
    const group = groupDailyUptime([a, b]);
    expect(group.map((d) => [d.date, d.uptime, d.worst])).toEqual([
      ["2026-11-22", 0.95, "partial_outage"],
      ["2026-11-23", 0.5, "major_outage"],
    ]);
    expect(groupDailyUptime([[day("2026-11-23", null, null)]])[0]).toMatchObject({ uptime: null, worst: null });
    expect(groupDailyUptime([])).toEqual([]);
  });

  it("over a period is the mean of the children's periods", () => {
    expect(groupPeriodUptime([1, 0.9, null])).toBeCloseTo(0.95);
    expect(groupPeriodUptime([null, null])).toBeNull();
  });
});

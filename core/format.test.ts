import { describe, expect, it } from "vitest";
import { countOf, formatDuration, formatLocalDate, formatMinutes, formatMonth, formatTime } from "./format";
import { HOUR, MINUTE } from "./time";

describe("formatTime", () => {
  it("renders in the page's zone and names the zone", () => {
    const at = Date.parse("2026-06-10T09:45:00Z");
    expect(formatTime(at, "Etc/UTC")).toBe("Jun 10, 2026, 09:45 UTC");
    expect(formatTime(at, "Pacific/Tongatapu")).toBe("Jun 10, 2026, 22:45 GMT+13");
    expect(formatTime(at, "America/New_York", "time")).toBe("05:45 EDT");
  });
});

describe("dates and durations", () => {
  it("formats local dates and months without shifting them", () => {
    expect(formatLocalDate("2026-01-01")).toBe("Jan 1, 2026");
    expect(formatLocalDate("2026-01-01", "long")).toBe("Thursday, January 1, 2026");
    expect(formatMonth("2026-12")).toBe("December 2026");
  });
  it("formats durations in words, singular for one", () => {
    expect(formatDuration(MINUTE)).toBe("1 minute");
    expect(formatDuration(45 * MINUTE)).toBe("45 minutes");
    expect(formatDuration(HOUR)).toBe("1 hour");
    expect(formatDuration(HOUR + MINUTE)).toBe("1 hour 1 minute");
    expect(formatDuration(2 * HOUR + 5 * MINUTE)).toBe("2 hours 5 minutes");
    expect(formatDuration(3 * HOUR)).toBe("3 hours");
    expect(formatDuration(25 * HOUR)).toBe("25 hours");
    expect(formatDuration(49 * HOUR)).toBe("2 days 1 hour");
    expect(formatDuration(76 * HOUR)).toBe("3 days 4 hours");
    expect(formatDuration(0)).toBe("0 minutes");
  });
  it("formats whole minutes the same way (settings, reminders, recurring windows)", () => {
    expect(formatMinutes(1)).toBe("1 minute");
    expect(formatMinutes(60)).toBe("1 hour");
    expect(formatMinutes(90)).toBe("1 hour 30 minutes");
  });
});

describe("countOf: the one pluraliser (durations use it too)", () => {
  it("says one thing in the singular and everything else in the plural", () => {
    expect(countOf(1, "minute")).toBe("1 minute");
    expect(countOf(0, "minute")).toBe("0 minutes");
    expect(countOf(90, "minute")).toBe("90 minutes");
    expect(countOf(1200, "address", "addresses")).toBe("1,200 addresses");
    expect(formatDuration(1200 * 24 * HOUR)).toBe("1,200 days");
  });
});

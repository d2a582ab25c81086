import { describe, expect, it } from "vitest";
import { formatDuration, formatLocalDate, formatMonth, formatTime } from "./format";
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
  it("formats durations", () => {
    expect(formatDuration(45 * MINUTE)).toBe("45 min");
    expect(formatDuration(2 * HOUR + 5 * MINUTE)).toBe("2 h 5 min");
    expect(formatDuration(3 * HOUR)).toBe("3 h");
    expect(formatDuration(76 * HOUR)).toBe("3 d 4 h");
  });
});

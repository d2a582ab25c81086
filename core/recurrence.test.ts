import { describe, expect, it } from "vitest";
import { DAY } from "@/core/time";
import {
  describeRecurrence,
  describeRule,
  occurrences,
  parseRule,
  ruleText,
  type Rule,
  type RuleChoice,
} from "./recurrence";
import { zonedToUtc } from "./time-zone";

const rule = (text: string) => {
  const r = parseRule(text);
  if ("error" in r) throw new Error(r.error);
  return r as Rule;
};
const iso = (ms: number[]) => ms.map((m) => new Date(m).toISOString().slice(0, 16));

describe("parseRule", () => {
  it.each([
    ["FREQ=WEEKLY;BYDAY=SU", { freq: "WEEKLY", interval: 1, byDay: [0] }],
    ["freq=weekly;interval=2;byday=we,mo", { freq: "WEEKLY", interval: 2, byDay: [1, 3] }],
    ["FREQ=MONTHLY;BYDAY=1TU", { freq: "MONTHLY", nth: 1, weekday: 2 }],
    ["FREQ=MONTHLY;BYDAY=-1FR", { freq: "MONTHLY", nth: -1, weekday: 5 }],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", { freq: "MONTHLY", monthDay: -1 }],
    ["FREQ=DAILY;INTERVAL=3", { freq: "DAILY", interval: 3 }],
  ])("reads %s", (text, expected) => expect(parseRule(text)).toEqual(expected));

  it.each([
    ["FREQ=HOURLY", /FREQ must be/],
    ["FREQ=MINUTELY;INTERVAL=1", /FREQ must be/],
    ["FREQ=WEEKLY", /BYDAY/],
    ["FREQ=WEEKLY;BYDAY=XX", /BYDAY/],
    ["FREQ=MONTHLY;BYDAY=5TU", /MONTHLY BYDAY/],
    ["FREQ=MONTHLY;BYMONTHDAY=31", /BYMONTHDAY/],
    ["FREQ=DAILY;INTERVAL=0", /INTERVAL/],
    ["FREQ=DAILY;COUNT=5", /COUNT is not supported/],
    ["", /FREQ must be/],
  ])("rejects %s", (text, message) => expect((parseRule(text) as { error: string }).error).toMatch(message));
});

describe("occurrences", () => {
  const from = Date.UTC(2026, 2, 1);
  it("every Sunday 02:00 in Berlin keeps local time across the spring daylight-saving change", () => {
    const starts = occurrences(rule("FREQ=WEEKLY;BYDAY=SU"), "02:00", "Europe/Berlin", from, from, from + 36 * DAY);
    // 29 March 2026: 02:00 does not exist in Berlin; it moves to 03:00 local (01:00 UTC).
    expect(iso(starts)).toEqual([
      "2026-03-01T01:00",
      "2026-03-08T01:00",
      "2026-03-15T01:00",
      "2026-03-22T01:00",
      "2026-03-29T01:00",
      "2026-04-05T00:00",
    ]);
  });

  it("the first Tuesday and the last Friday of each month", () => {
    expect(iso(occurrences(rule("FREQ=MONTHLY;BYDAY=1TU"), "22:00", "Etc/UTC", from, from, from + 90 * DAY))).toEqual([
      "2026-03-03T22:00",
      "2026-04-07T22:00",
      "2026-05-05T22:00",
    ]);
    expect(iso(occurrences(rule("FREQ=MONTHLY;BYDAY=-1FR"), "18:00", "Etc/UTC", from, from, from + 62 * DAY))).toEqual([
      "2026-03-27T18:00",
      "2026-04-24T18:00",
    ]);
    expect(
      iso(occurrences(rule("FREQ=MONTHLY;BYMONTHDAY=-1"), "23:30", "Etc/UTC", from, from, from + 62 * DAY)),
    ).toEqual(["2026-03-31T23:30", "2026-04-30T23:30"]);
  });

  it("every other Wednesday counts weeks from the anchor", () => {
    const anchor = Date.UTC(2026, 2, 4); // a Wednesday
    expect(
      iso(occurrences(rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"), "06:00", "Etc/UTC", anchor, anchor, anchor + 43 * DAY)),
    ).toEqual(["2026-03-04T06:00", "2026-03-18T06:00", "2026-04-01T06:00", "2026-04-15T06:00"]);
  });

  it("reads the start time in far-east and far-west zones", () => {
    const [auckland] = occurrences(rule("FREQ=DAILY"), "01:00", "Pacific/Auckland", from, from, from + 2 * DAY);
    // `from` is already 13:00 on 1 March in Auckland (UTC+13), so the first 01:00 is on 2 March.
    expect(auckland).toBe(zonedToUtc(2026, 3, 2, 1, 0, "Pacific/Auckland"));
    expect(new Date(auckland).toISOString()).toBe("2026-03-01T12:00:00.000Z");
    const [honolulu] = occurrences(rule("FREQ=DAILY"), "23:00", "Pacific/Honolulu", from, from, from + 2 * DAY);
    expect(new Date(honolulu).toISOString()).toBe("2026-03-01T09:00:00.000Z");
  });

  it("never makes more than the cap, however frequent the rule", () => {
    expect(occurrences(rule("FREQ=DAILY"), "00:00", "Etc/UTC", from, from, from + 10_000 * DAY)).toHaveLength(60);
    expect(occurrences(rule("FREQ=DAILY"), "00:00", "Etc/UTC", from, from, from + 10_000 * DAY, 5)).toHaveLength(5);
  });
});

describe("describeRule and ruleText", () => {
  it("say each kind of rule in words and round-trip through the RRULE text", () => {
    const cases: [RuleChoice, string, string][] = [
      [{ frequency: "daily", interval: 1 }, "FREQ=DAILY", "Every day"],
      [{ frequency: "daily", interval: 3 }, "FREQ=DAILY;INTERVAL=3", "Every 3 days"],
      [{ frequency: "weekly", interval: 1, days: [0] }, "FREQ=WEEKLY;BYDAY=SU", "Every Sunday"],
      [
        { frequency: "weekly", interval: 2, days: [4, 1, 1] },
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "Every 2 weeks on Monday and Thursday",
      ],
      [
        { frequency: "weekly", interval: 1, days: [1, 3, 5] },
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "Every Monday, Wednesday and Friday",
      ],
      [
        { frequency: "monthly_weekday", nth: 1, weekday: 2 },
        "FREQ=MONTHLY;BYDAY=1TU",
        "The first Tuesday of each month",
      ],
      [
        { frequency: "monthly_weekday", nth: -1, weekday: 5 },
        "FREQ=MONTHLY;BYDAY=-1FR",
        "The last Friday of each month",
      ],
      [{ frequency: "monthly_day", day: 15 }, "FREQ=MONTHLY;BYMONTHDAY=15", "Day 15 of each month"],
      [{ frequency: "monthly_day", day: -1 }, "FREQ=MONTHLY;BYMONTHDAY=-1", "The last day of each month"],
    ];
    for (const [choice, text, words] of cases) {
      expect(ruleText(choice)).toBe(text);
      const rule = parseRule(text);
      expect("error" in rule).toBe(false);
      expect(describeRule(rule as Rule)).toBe(words);
    }
  });
});

describe("describeRecurrence", () => {
  it("says a whole rule in words, as the console and the public page show it", () => {
    expect(
      describeRecurrence({
        rule: "FREQ=WEEKLY;BYDAY=SU",
        startTime: "02:00",
        timeZone: "Etc/UTC",
        durationMinutes: 60,
      }),
    ).toBe("Every Sunday at 02:00 (Etc/UTC) for 1 hour");
    expect(
      describeRecurrence({
        rule: "FREQ=MONTHLY;BYDAY=1TU",
        startTime: "22:30",
        timeZone: "Europe/Berlin",
        durationMinutes: 1,
      }),
    ).toBe("The first Tuesday of each month at 22:30 (Europe/Berlin) for 1 minute");
  });
  it("falls back to the stored text for a rule it cannot read", () => {
    expect(
      describeRecurrence({ rule: "FREQ=YEARLY", startTime: "01:00", timeZone: "Etc/UTC", durationMinutes: 90 }),
    ).toBe("FREQ=YEARLY at 01:00 (Etc/UTC) for 1 hour 30 minutes");
  });
});

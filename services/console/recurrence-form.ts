// The recurring-maintenance form's rule builder: frequency plus the fields that frequency uses, turned into
// the RRULE subset core/recurrence.ts reads. Only the chosen frequency's fields are read.
import type { RuleChoice } from "@/core/recurrence";

export const FREQUENCIES = {
  weekly: "Weekly, on chosen days",
  monthly_weekday: "Monthly, on a weekday (e.g. the first Tuesday)",
  monthly_day: "Monthly, on a day of the month",
  daily: "Every day, or every few days",
} as const;
export type Frequency = keyof typeof FREQUENCIES;

export interface RuleFields {
  frequency: string;
  interval: string;
  days: string[];
  nth: string;
  weekday: string;
  monthDay: string;
}

const whole = (value: string, min: number, max: number): number | null => {
  const n = Number(value);
  return value.trim() !== "" && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

export function ruleChoiceFrom(fields: RuleFields): { choice: RuleChoice } | { errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => ({ errors: { ...errors, [field]: [message] } });
  switch (fields.frequency as Frequency) {
    case "daily":
    case "weekly": {
      const interval = whole(fields.interval || "1", 1, 52);
      if (interval === null) return fail("interval", "Enter a whole number from 1 to 52.");
      if (fields.frequency === "daily") return { choice: { frequency: "daily", interval } };
      const days = fields.days.map((d) => whole(d, 0, 6));
      if (days.length === 0) return fail("days", "Choose at least one day.");
      if (days.includes(null)) return fail("days", "Choose days from the list.");
      return { choice: { frequency: "weekly", interval, days: days as number[] } };
    }
    case "monthly_weekday": {
      const nth = fields.nth === "-1" ? -1 : whole(fields.nth, 1, 4);
      const weekday = whole(fields.weekday, 0, 6);
      if (nth === null) return fail("nth", "Choose first, second, third, fourth or last.");
      if (weekday === null) return fail("weekday", "Choose a day of the week.");
      return { choice: { frequency: "monthly_weekday", nth, weekday } };
    }
    case "monthly_day": {
      const day = fields.monthDay === "-1" ? -1 : whole(fields.monthDay, 1, 28);
      if (day === null) return fail("monthDay", "Choose a day from 1 to 28, or the last day.");
      return { choice: { frequency: "monthly_day", day } };
    }
    default:
      return fail("frequency", "Choose how often it repeats.");
  }
}

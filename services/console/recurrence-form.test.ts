import { describe, expect, it } from "vitest";
import { ruleChoiceFrom, type RuleFields } from "./recurrence-form";

const blank: RuleFields = { frequency: "", interval: "", days: [], nth: "", weekday: "", monthDay: "" };

describe("ruleChoiceFrom", () => {
  it("reads only the chosen frequency's fields", () => {
    expect(ruleChoiceFrom({ ...blank, frequency: "weekly", days: ["0", "3"], nth: "junk" })).toEqual({
      choice: { frequency: "weekly", interval: 1, days: [0, 3] },
    });
    expect(ruleChoiceFrom({ ...blank, frequency: "weekly", interval: "2", days: ["1"] })).toEqual({
      choice: { frequency: "weekly", interval: 2, days: [1] },
    });
    expect(ruleChoiceFrom({ ...blank, frequency: "daily", days: ["9"] })).toEqual({
      choice: { frequency: "daily", interval: 1 },
    });
    expect(ruleChoiceFrom({ ...blank, frequency: "monthly_weekday", nth: "-1", weekday: "5" })).toEqual({
      choice: { frequency: "monthly_weekday", nth: -1, weekday: 5 },
    });
    expect(ruleChoiceFrom({ ...blank, frequency: "monthly_day", monthDay: "15" })).toEqual({
      choice: { frequency: "monthly_day", day: 15 },
    });
  });

  it("names the field that makes no sense", () => {
    expect(ruleChoiceFrom(blank)).toEqual({ errors: { frequency: ["Choose how often it repeats."] } });
    expect(ruleChoiceFrom({ ...blank, frequency: "weekly" })).toEqual({
      errors: { days: ["Choose at least one day."] },
    });
    expect(ruleChoiceFrom({ ...blank, frequency: "weekly", days: ["7"] })).toEqual({
      errors: { days: ["Choose days from the list."] },
    });
    expect(ruleChoiceFrom({ ...blank, frequency: "daily", interval: "1.5" })).toEqual({
      errors: { interval: ["Enter a whole number from 1 to 52."] },
    });
    expect(ruleChoiceFrom({ ...blank, frequency: "daily", interval: "53" })).toHaveProperty("errors.interval");
    expect(ruleChoiceFrom({ ...blank, frequency: "monthly_weekday", nth: "5", weekday: "1" })).toHaveProperty(
      "errors.nth",
    );
    expect(ruleChoiceFrom({ ...blank, frequency: "monthly_weekday", nth: "1", weekday: "" })).toHaveProperty(
      "errors.weekday",
    );
    expect(ruleChoiceFrom({ ...blank, frequency: "monthly_day", monthDay: "31" })).toHaveProperty("errors.monthDay");
  });
});

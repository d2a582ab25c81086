import { describe, expect, it } from "vitest";
import { availabilityTarget } from "./fields";

describe("availabilityTarget (the service form's field)", () => {
  it.each([
    ["99.9", 99.9],
    ["99,95", 99.95],
    ["100", 100],
    ["", 99.9],
    [undefined, 99.9],
  ])("reads %s as %s", (input, expected) => expect(availabilityTarget.parse(input)).toBe(expected));
  it.each(["100.1", "0", "-1", "abc", "99.9%", "1e2"])("refuses %s with a message", (input) => {
    const r = availabilityTarget.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/percentage|number/);
  });
});

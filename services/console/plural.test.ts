import { describe, expect, it } from "vitest";
import { countOf } from "./plural";

describe("countOf", () => {
  it("says one thing in the singular and everything else in the plural", () => {
    expect(countOf(1, "minute")).toBe("1 minute");
    expect(countOf(0, "minute")).toBe("0 minutes");
    expect(countOf(90, "minute")).toBe("90 minutes");
    expect(countOf(1200, "address", "addresses")).toBe("1,200 addresses");
  });
});

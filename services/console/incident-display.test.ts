import { describe, expect, it } from "vitest";
import { formatInZone } from "./incident-display";

describe("the console's time format", () => {
  it("reads day month year, 24-hour time, and names the page's zone", () => {
    expect(formatInZone(Date.UTC(2026, 11, 1, 13, 5), "Europe/Berlin")).toBe("1 Dec 2026, 14:05 CET");
    expect(formatInZone(Date.UTC(2026, 6, 1, 13, 5), "Europe/London")).toBe("1 Jul 2026, 14:05 BST");
    expect(formatInZone(Date.UTC(2026, 11, 1, 13, 5), "Etc/UTC")).toBe("1 Dec 2026, 13:05 UTC");
    expect(formatInZone(Date.UTC(2026, 11, 1, 13, 5), "America/New_York")).toBe("1 Dec 2026, 08:05 EST");
    expect(formatInZone(Date.UTC(2026, 11, 1, 13, 5), "Asia/Kolkata")).toBe("1 Dec 2026, 18:35 GMT+5:30");
    expect(formatInZone(Date.UTC(2026, 8, 11, 8, 12), "Etc/UTC")).toBe("11 Sep 2026, 08:12 UTC");
  });

  it("has no hyphen to break at on a phone", () => {
    expect(formatInZone(Date.UTC(2026, 0, 9, 0, 0), "Pacific/Auckland")).not.toContain("-");
    expect(formatInZone(Date.UTC(2026, 0, 9, 12, 0), "America/Sao_Paulo")).toBe("9 Jan 2026, 09:00 GMT\u22123");
  });
});

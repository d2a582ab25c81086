import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry-after";

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

describe("parseRetryAfter", () => {
  it("reads seconds", () => {
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("30", NOW)).toBe(30_000);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000);
  });

  it("reads an HTTP date as the time left until it", () => {
    expect(parseRetryAfter("Tue, 01 Dec 2026 12:02:00 GMT", NOW)).toBe(120_000);
    // A date already past means "now".
    expect(parseRetryAfter("Tue, 01 Dec 2026 11:00:00 GMT", NOW)).toBe(0);
  });

  it("caps a long wait, in either form", () => {
    expect(parseRetryAfter("999999", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("Fri, 01 Jan 2027 00:00:00 GMT", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("600", NOW, 60_000)).toBe(60_000);
  });

  it("ignores what is missing or unreadable", () => {
    for (const bad of [null, undefined, "", "soon", "-5", "1.5", "12abc", "2026-12-01"]) {
      expect(parseRetryAfter(bad, NOW)).toBeNull();
    }
  });
});

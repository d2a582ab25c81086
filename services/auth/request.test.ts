import { describe, expect, it } from "vitest";
import { clientAddress, forwardedFor } from "./request";

describe("forwardedFor", () => {
  it("ignores what a client claims when no trusted proxy is in front", () => {
    expect(forwardedFor("6.6.6.6", "203.0.113.9", false)).toBe("203.0.113.9");
    expect(forwardedFor(undefined, "203.0.113.9", false)).toBe("203.0.113.9");
  });

  it("keeps a trusted proxy's header, whose last entry is the real client", () => {
    const header = forwardedFor("6.6.6.6, 198.51.100.7", "127.0.0.1", true);
    expect(clientAddress(new Headers({ "x-forwarded-for": header }))).toBe("198.51.100.7");
    expect(forwardedFor(undefined, "127.0.0.1", true)).toBe("127.0.0.1");
  });
});

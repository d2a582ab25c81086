import { describe, expect, it } from "vitest";
import { DONE_MESSAGES, doneHref, doneMessage } from "./done";

describe("console success notices", () => {
  it("never shows text that came from the URL", () => {
    for (const hostile of [
      "Your session expired: sign in again at https://evil.example",
      "Service deleted. Call +1 555",
      "constructor",
      "__proto__",
      "toString",
      "",
    ]) {
      expect(doneMessage(hostile)).toBeNull();
    }
    expect(doneMessage(["evil text", "service-deleted"])).toBeNull();
  });

  it("shows the allow-listed message for a known code", () => {
    expect(doneMessage("service-deleted")).toBe("Service deleted.");
    expect(doneMessage(["incident-declared", "x"])).toBe(DONE_MESSAGES["incident-declared"]);
  });

  it("reads a count only as a whole number, and says it in the right number", () => {
    expect(doneMessage("subscribers-imported", "1")).toBe("Imported 1 subscriber.");
    expect(doneMessage("subscribers-imported", "12")).toBe("Imported 12 subscribers.");
    expect(doneMessage("recurrence-saved", "0")).toBe(
      "Recurring maintenance saved; 0 occurrences scheduled for the next 60 days.",
    );
    expect(doneMessage("subscribers-imported", "2 evil words")).toBe("Imported subscribers.");
    expect(doneMessage("subscribers-imported", "9999999999")).toBe("Imported subscribers.");
  });

  it("builds the redirect URL from a code", () => {
    expect(doneHref("/admin/services", "service-added")).toBe("/admin/services?done=service-added");
    expect(doneHref("/admin/subscribers", "subscribers-imported", 3)).toBe(
      "/admin/subscribers?done=subscribers-imported&n=3",
    );
  });
});

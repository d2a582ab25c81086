import { describe, expect, it } from "vitest";
import { smsWants } from "./sms-rules";

describe("smsWants", () => {
  it("by default: major and critical incidents, and maintenance reminders only", () => {
    expect(smsWants("incident_created", "major", false)).toBe(true);
    expect(smsWants("incident_resolved", "critical", false)).toBe(true);
    expect(smsWants("incident_created", "minor", false)).toBe(false);
    expect(smsWants("incident_updated", "none", false)).toBe(false);
    expect(smsWants("maintenance_reminder", "maintenance", false)).toBe(true);
    expect(smsWants("maintenance_scheduled", "maintenance", false)).toBe(false);
  });
  it("widened: every incident and maintenance notification, still never the others", () => {
    expect(smsWants("incident_created", "minor", true)).toBe(true);
    expect(smsWants("maintenance_started", "maintenance", true)).toBe(true);
    expect(smsWants("postmortem_published", "major", true)).toBe(false);
    expect(smsWants("subscription_confirm", "none", true)).toBe(false);
  });
});

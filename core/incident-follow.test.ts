import { describe, expect, it } from "vitest";
import { followEndsWith, followIsOver, POSTMORTEM_WAIT_MS, withFollowers } from "./incident-follow";

describe("withFollowers", () => {
  it("adds followers to the page's recipients, sorted by id", () => {
    const pageWide = [{ id: "c", email: "c@example.com" }];
    const followers = [
      { id: "a", email: "a@example.com" },
      { id: "d", email: "d@example.com" },
    ];
    expect(withFollowers(pageWide, followers)).toEqual(["a", "c", "d"]);
  });

  it("drops a follower whose address already receives the incident through a page subscription", () => {
    const pageWide = [{ id: "p1", email: "both@example.com" }];
    const followers = [{ id: "f1", email: "BOTH@example.com" }];
    expect(withFollowers(pageWide, followers)).toEqual(["p1"]);
  });

  it("keeps page recipients without an address (none is dropped) and de-duplicates ids", () => {
    expect(withFollowers([{ id: "x", email: null }], [{ id: "x", email: null }])).toEqual(["x"]);
  });
});

describe("followEndsWith", () => {
  it("a follow to the resolution ends with the resolution, of an incident or a maintenance", () => {
    for (const kind of ["incident_resolved", "maintenance_completed", "maintenance_cancelled"] as const)
      expect(followEndsWith(kind, false)).toBe(true);
    expect(followEndsWith("incident_updated", false)).toBe(false);
    expect(followEndsWith("postmortem_published", false)).toBe(true);
  });

  it("a follow to the postmortem goes on after the resolution and ends with the postmortem", () => {
    expect(followEndsWith("incident_resolved", true)).toBe(false);
    expect(followEndsWith("postmortem_published", true)).toBe(true);
  });
});

describe("followIsOver", () => {
  const open = { kind: "incident" as const, resolvedAt: null, cancelledAt: null, postmortemPublishedAt: null };
  const now = 1_000_000;
  it("an open incident can be followed either way", () => {
    expect(followIsOver(open, false, now)).toBe(false);
    expect(followIsOver(open, true, now)).toBe(false);
  });
  it("a resolved incident only for its postmortem, until it is published or stops being expected", () => {
    const resolved = { ...open, resolvedAt: now - 10 };
    expect(followIsOver(resolved, false, now)).toBe(true);
    expect(followIsOver(resolved, true, now)).toBe(false);
    expect(followIsOver({ ...resolved, postmortemPublishedAt: now }, true, now)).toBe(true);
    expect(followIsOver(resolved, true, now - 10 + POSTMORTEM_WAIT_MS)).toBe(true);
  });
  it("a completed maintenance has no postmortem to wait for; a cancelled one is over", () => {
    expect(followIsOver({ ...open, kind: "maintenance", resolvedAt: now - 10 }, true, now)).toBe(true);
    expect(followIsOver({ ...open, cancelledAt: 5 }, true, now)).toBe(true);
  });
});

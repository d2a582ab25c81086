import { describe, expect, it } from "vitest";
import { decideStatus, PRECEDENCE, type PrecedenceFacts } from "./precedence";

const T = 1_000_000;
const base: PrecedenceFacts = {
  current: "operational",
  openIncident: false,
  maintenanceInProgress: false,
  lastChange: { source: "seed", at: T - 10 },
  claims: [],
};
const down = { status: "major_outage" as const, since: T };

describe("the precedence table, row by row", () => {
  it("has the rows in this order", () => {
    expect(PRECEDENCE.map((r) => r.rule)).toEqual([
      "open incident wins",
      "maintenance suppresses claims",
      "hand-set status stands",
      "worst active claim",
      "claims ended",
      "nothing claimed",
    ]);
  });

  it("open incident wins: claims change nothing while an incident lists the service", () => {
    expect(decideStatus({ ...base, openIncident: true, claims: [down] })).toEqual({
      rule: "open incident wins",
      status: null,
    });
    expect(decideStatus({ ...base, openIncident: true, maintenanceInProgress: true, claims: [down] }).rule).toBe(
      "open incident wins",
    );
  });

  it("maintenance suppresses claims", () => {
    expect(
      decideStatus({ ...base, current: "under_maintenance", maintenanceInProgress: true, claims: [down] }),
    ).toEqual({ rule: "maintenance suppresses claims", status: null });
  });

  it("hand-set status stands until a newer claim arrives", () => {
    const manual = { source: "manual" as const, at: T + 5 };
    expect(decideStatus({ ...base, current: "degraded_performance", lastChange: manual, claims: [down] })).toEqual({
      rule: "hand-set status stands",
      status: null,
    });
    expect(
      decideStatus({ ...base, current: "operational", lastChange: { source: "api", at: T + 5 }, claims: [] }).rule,
    ).toBe("hand-set status stands");
    // A claim that began after the hand-set status overrides it.
    expect(
      decideStatus({
        ...base,
        current: "degraded_performance",
        lastChange: manual,
        claims: [{ status: "partial_outage", since: T + 6 }],
      }),
    ).toEqual({ rule: "worst active claim", status: "partial_outage" });
    // An admin resolving an incident while a claim is older: the resolution stands too.
    expect(decideStatus({ ...base, lastChange: { source: "incident", at: T + 5 }, claims: [down] }).rule).toBe(
      "hand-set status stands",
    );
  });

  it("worst active claim: the most severe of all open claims", () => {
    const claims = [
      { status: "degraded_performance" as const, since: T },
      { status: "partial_outage" as const, since: T + 1 },
      { status: "degraded_performance" as const, since: T + 2 },
    ];
    expect(decideStatus({ ...base, claims })).toEqual({ rule: "worst active claim", status: "partial_outage" });
    // After maintenance ended (its source restored the status), claims apply again.
    expect(decideStatus({ ...base, lastChange: { source: "maintenance", at: T + 9 }, claims: [down] })).toEqual({
      rule: "worst active claim",
      status: "major_outage",
    });
    // Already showing it: nothing to write.
    expect(
      decideStatus({ ...base, current: "major_outage", lastChange: { source: "automation", at: T }, claims: [down] }),
    ).toEqual({ rule: "worst active claim", status: null });
  });

  it("claims ended: what automation set goes back to operational", () => {
    expect(
      decideStatus({ ...base, current: "major_outage", lastChange: { source: "automation", at: T }, claims: [] }),
    ).toEqual({ rule: "claims ended", status: "operational" });
  });

  it("nothing claimed: a service automation never touched is left alone", () => {
    expect(
      decideStatus({ ...base, current: "partial_outage", lastChange: { source: "maintenance", at: T }, claims: [] }),
    ).toEqual({ rule: "nothing claimed", status: null });
    expect(decideStatus({ ...base, lastChange: null })).toEqual({ rule: "nothing claimed", status: null });
  });
});

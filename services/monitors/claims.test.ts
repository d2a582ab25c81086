// The claim mechanism is general: the same calls serve alert integrations (one claim per alert fingerprint)
// as they serve monitors. This is what the alert intake will build on.
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, componentStatusChanges, statusClaims } from "@/db/schema";
import { endClaim, endClaimsOf, openClaim } from "@/db/writes/claims";
import { addComponent, emptyPage, T0 } from "@/services/testing/scenario";
import { reconcileComponentStatus } from "./apply-claims";

let db: Db;
afterEach(() => db?.$client.close());

describe("status claims from an integration", () => {
  it("dedupes repeats by key, shows the worst open claim, and returns to operational when all end", () => {
    const built = emptyPage();
    db = built.db;
    const api = addComponent(db, built.pageId, "API");
    const statusOf = () => db.select().from(components).where(eq(components.id, api)).get()!.status;
    const claim = (key: string, status: "degraded_performance" | "major_outage", at: number) =>
      db.transaction((tx) => {
        const changed = openClaim(tx, { componentId: api, source: "integration", sourceId: "am1", key, status, at });
        reconcileComponentStatus(tx, api, at, { source: "integration", sourceId: "am1" });
        return changed;
      });
    expect(claim("fp-latency", "degraded_performance", T0)).toBe(true);
    // The same alert again (a re-send, or the same alert in a grouped notification): nothing new.
    expect(claim("fp-latency", "degraded_performance", T0 + 1)).toBe(false);
    expect(statusOf()).toBe("degraded_performance");
    expect(claim("fp-errors", "major_outage", T0 + 2)).toBe(true);
    expect(statusOf()).toBe("major_outage");
    db.transaction((tx) => {
      endClaim(tx, "integration", "am1", "fp-errors", T0 + 3);
      reconcileComponentStatus(tx, api, T0 + 3, { source: "integration", sourceId: "am1" });
    });
    expect(statusOf()).toBe("degraded_performance");
    db.transaction((tx) => {
      for (const c of endClaimsOf(tx, "integration", "am1", T0 + 4))
        reconcileComponentStatus(tx, c, T0 + 4, { source: "integration", sourceId: "am1" });
    });
    expect(statusOf()).toBe("operational");
    expect(
      db
        .select()
        .from(statusClaims)
        .all()
        .every((c) => c.endedAt !== null),
    ).toBe(true);
    const history = db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, api))
      .orderBy(asc(componentStatusChanges.id))
      .all()
      .slice(1);
    expect(history.map((h) => [h.status, h.source, h.claimSource, h.claimSourceId])).toEqual([
      ["degraded_performance", "automation", "integration", "am1"],
      ["major_outage", "automation", "integration", "am1"],
      ["degraded_performance", "automation", "integration", "am1"],
      ["operational", "automation", "integration", "am1"],
    ]);
  });
});

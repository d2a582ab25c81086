// The public /report over a real database: off until the admin turns it on (then 404 is the page's answer),
// only the public audience's share, a future period refused, a minute's reuse, and the per-address limit.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, pages } from "@/db/schema";
import { MINUTE } from "@/core/time";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { createIncident } from "@/services/incidents/incident-verbs";
import { forgetPublicReports, PUBLIC_REPORT_LIMITS, publicServiceReport } from "./public-report";
import { setReportPublic } from "./report-settings";
import { SYSTEM } from "@/core/actor";

const system = { type: "system" as const, label: "automation" as const };
const now = Date.UTC(2026, 10, 20, 12);
let world: World;
let db: Db;
beforeEach(() => {
  world = makeWorld();
  db = world.db;
  forgetPublicReports();
});
afterEach(() => db.$client.close());

const ready = (r: ReturnType<typeof publicServiceReport>) => {
  if (r.state !== "ready") throw new Error(`expected a report, got ${r.state}`);
  return r;
};

describe("publicServiceReport", () => {
  it("is off until turned on, and off again when turned off", () => {
    expect(publicServiceReport(db, "2026-11", "192.0.2.1", now)).toEqual({ state: "off" });
    setReportPublic(db, SYSTEM, true, now);
    expect(publicServiceReport(db, "2026-11", "192.0.2.1", now).state).toBe("ready");
    setReportPublic(db, SYSTEM, false, now);
    expect(publicServiceReport(db, "2026-11", "192.0.2.1", now).state).toBe("off");
  });

  it("is off on a private page: the public audience is refused there", () => {
    setReportPublic(db, SYSTEM, true, now);
    db.update(pages).set({ visibility: "private" }).run();
    expect(publicServiceReport(db, "2026-11", "192.0.2.1", now).state).toBe("off");
  });

  it("shows the public audience only: an internal service and its incident are left out", () => {
    setReportPublic(db, SYSTEM, true, now);
    db.update(pages).set({ visibility: "mixed" }).run();
    db.update(components).set({ visibility: "internal" }).where(eq(components.id, world.vpn)).run();
    const at = Date.UTC(2026, 10, 10, 9);
    for (const [name, id] of [
      ["Mail down", world.webmail],
      ["VPN down", world.vpn],
    ] as const)
      createIncident(
        db,
        system,
        { name, status: "investigating", message: "x", componentStatuses: { [id]: "major_outage" }, notify: false },
        at,
      );
    const r = ready(publicServiceReport(db, "2026-11", "192.0.2.1", now)).report!;
    expect(r.incidents.map((i) => i.name)).toEqual(["Mail down"]);
    expect(r.services.map((s) => s.name)).toEqual(["Webmail"]);
  });

  it("never serves a kept report from before a public change: a service made internal is gone at once", () => {
    setReportPublic(db, SYSTEM, true, now);
    db.update(pages).set({ visibility: "mixed" }).run();
    expect(ready(publicServiceReport(db, "2026-11", "192.0.2.1", now)).report!.services).toHaveLength(2);
    db.update(components).set({ visibility: "internal" }).where(eq(components.id, world.vpn)).run();
    const after = ready(publicServiceReport(db, "2026-11", "192.0.2.1", now + 1000)).report!;
    expect(after.services.map((s) => s.name)).toEqual(["Webmail"]);
  });

  it("refuses a period in the future or not a period, with the reason", () => {
    setReportPublic(db, SYSTEM, true, now);
    expect(ready(publicServiceReport(db, "2026-12", "192.0.2.1", now))).toMatchObject({
      problem: "That period has not started yet.",
      report: null,
    });
    expect(ready(publicServiceReport(db, "soon", "192.0.2.1", now)).problem).toContain("Choose a month");
  });

  it("reuses a report for a minute, and limits how many one address may build", () => {
    setReportPublic(db, SYSTEM, true, now);
    const first = ready(publicServiceReport(db, "2026-11", "192.0.2.1", now));
    expect(ready(publicServiceReport(db, "2026-11", "192.0.2.9", now + 30_000)).report).toBe(first.report);
    expect(ready(publicServiceReport(db, "2026-11", "192.0.2.9", now + MINUTE + 1)).report).not.toBe(first.report);
    forgetPublicReports();
    const asks = Array.from({ length: PUBLIC_REPORT_LIMITS.buildsPerTenMinutes + 1 }, (_, i) =>
      publicServiceReport(db, `${1990 + i}-01`, "198.51.100.7", now + i * 100),
    );
    expect(asks.slice(0, -1).every((a) => a.state === "ready")).toBe(true);
    expect(asks.at(-1)).toEqual({ state: "limited" });
    // Another address is not held back, and a kept report is served even to the limited one.
    expect(publicServiceReport(db, "2026-10", "203.0.113.5", now + 5000).state).toBe("ready");
    expect(publicServiceReport(db, "2026-10", "198.51.100.7", now + 6000).state).toBe("ready");
  });
});

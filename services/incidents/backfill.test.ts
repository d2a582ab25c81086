// A backfilled incident declared as resolved: it needs the time it ended (after the start, not in the future),
// and is recorded as it happened: the services' statuses from the start to the end, its duration, no emails.
import { and, asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { componentStatusChanges, components, incidents, incidentUpdates, notifications } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { addComponent, addMember, emptyPage, expectDomainError, T0 } from "@/services/testing/scenario";
import { HOUR, MINUTE } from "@/core/time";
import { createIncident } from "./incident-verbs";

let db: Db;
let owner: Actor;
let vpn: string;
afterEach(() => db?.$client.close());

function setup() {
  const built = emptyPage();
  db = built.db;
  vpn = addComponent(db, built.pageId, "VPN");
  owner = addMember(db, "owner");
}

const found = {
  name: "VPN dropped overnight",
  message: "A controller rebooted; it came back by itself.",
  status: "resolved" as const,
};

describe("a backfilled incident declared as resolved", () => {
  it("asks for the end time, after the start and not in the future, and writes nothing otherwise", () => {
    setup();
    const start = T0 - 5 * HOUR;
    expect(
      expectDomainError(() => createIncident(db, owner, { ...found, startedAt: start }, T0), "invalid", "resolvedAt")
        .fields.resolvedAt,
    ).toMatch(/when it ended/i);
    expect(
      expectDomainError(
        () => createIncident(db, owner, { ...found, startedAt: start, resolvedAt: start }, T0),
        "invalid",
        "resolvedAt",
      ).fields.resolvedAt,
    ).toMatch(/after the start/i);
    expect(
      expectDomainError(
        () => createIncident(db, owner, { ...found, startedAt: start, resolvedAt: T0 + HOUR }, T0),
        "invalid",
        "resolvedAt",
      ).fields.resolvedAt,
    ).toMatch(/future/i);
    expect(
      expectDomainError(
        () =>
          createIncident(db, owner, { ...found, status: "investigating", startedAt: start, resolvedAt: T0 - HOUR }, T0),
        "invalid",
        "resolvedAt",
      ).fields.resolvedAt,
    ).toMatch(/resolved/i);
    expect(db.select().from(incidents).all()).toHaveLength(0);
  });

  it("is recorded from its start to its end: resolved_at, services' history and no notification", () => {
    setup();
    const start = T0 - 5 * HOUR;
    const end = T0 - 2 * HOUR;
    const { id } = createIncident(
      db,
      owner,
      { ...found, startedAt: start, resolvedAt: end, componentStatuses: { [vpn]: "major_outage" } },
      T0,
    );
    expect(db.select().from(incidents).where(eq(incidents.id, id)).get()).toMatchObject({
      status: "resolved",
      backfilled: true,
      startedAt: start,
      resolvedAt: end,
      impact: "critical",
    });
    const timeline = db
      .select()
      .from(incidentUpdates)
      .where(eq(incidentUpdates.incidentId, id))
      .orderBy(asc(incidentUpdates.displayAt))
      .all();
    expect(timeline.map((u) => [u.status, u.displayAt, u.deliverNotifications])).toEqual([
      ["investigating", start, false],
      ["resolved", end, false],
    ]);
    expect(timeline[1].body).toBe(found.message);
    // The outage lasted from the start to the end; the service is operational again today.
    const history = db
      .select()
      .from(componentStatusChanges)
      .where(and(eq(componentStatusChanges.componentId, vpn), eq(componentStatusChanges.incidentId, id)))
      .orderBy(asc(componentStatusChanges.at))
      .all();
    expect(history.map((h) => [h.status, h.at])).toEqual([
      ["major_outage", start],
      ["operational", end],
    ]);
    expect(db.select().from(components).where(eq(components.id, vpn)).get()!.status).toBe("operational");
    expect(db.select().from(notifications).all()).toEqual([]);
  });

  it("lets a recent incident declared as resolved end now when no end time is given", () => {
    setup();
    const { id } = createIncident(db, owner, { ...found, startedAt: T0 - 2 * MINUTE }, T0);
    expect(db.select().from(incidents).where(eq(incidents.id, id)).get()).toMatchObject({
      status: "resolved",
      backfilled: false,
      startedAt: T0 - 2 * MINUTE,
      resolvedAt: T0,
    });
  });
});

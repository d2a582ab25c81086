// The report's further measures over a real database: availability against each service's target, the
// clock from a monitor's detection, planned work, reach, and the public audience's share of all of it.
// Figures worked out by hand.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, deliveries, incidents, notifications, pages, statusClaims } from "@/db/schema";
import { newId } from "@/core/ids";
import { HOUR, MINUTE } from "@/core/time";
import { addConfirmedSubscribers, makeWorld, type World } from "@/services/testing/notification-fixtures";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { buildServiceReport, serviceReportCsv } from "./service-report";

const system = { type: "system" as const, label: "automation" as const };
const T = Date.UTC(2026, 10, 10, 9);
const november = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), timeZone: "UTC" };
const now = Date.UTC(2026, 11, 5);
let world: World;
let db: Db;
beforeEach(() => {
  world = makeWorld();
  db = world.db;
});
afterEach(() => db.$client.close());

function month() {
  // A monitor saw Webmail down at T; the incident was declared (and posted) at T+6, resolved at T+46.
  db.insert(statusClaims)
    .values({ componentId: world.webmail, source: "monitor", sourceId: "m1", status: "major_outage", since: T })
    .run();
  const mail = createIncident(
    db,
    system,
    {
      name: "Mail down",
      status: "investigating",
      message: "Looking",
      componentStatuses: { [world.webmail]: "major_outage" },
      notify: false,
    },
    T + 6 * MINUTE,
  );
  addIncidentUpdate(db, system, mail.id, { status: "resolved", message: "Fixed", notify: false }, T + 46 * MINUTE);
  // VPN degraded for 20 minutes, posted at its start.
  const vpn = createIncident(
    db,
    system,
    {
      name: "VPN slow",
      status: "investigating",
      message: "Slow",
      componentStatuses: { [world.vpn]: "degraded_performance" },
      notify: false,
    },
    T + 100 * MINUTE,
  );
  addIncidentUpdate(db, system, vpn.id, { status: "resolved", message: "Fine", notify: false }, T + 120 * MINUTE);
  // Planned work: one done within its window after a reminder, one overran, one cancelled.
  const S = Date.UTC(2026, 10, 20, 22);
  const base = {
    pageId: world.pageId,
    kind: "maintenance" as const,
    impact: "maintenance" as const,
    createdAt: 1,
    updatedAt: 1,
  };
  db.insert(incidents)
    .values([
      {
        ...base,
        id: newId(),
        name: "A",
        status: "completed",
        startedAt: S,
        scheduledFor: S,
        scheduledUntil: S + HOUR,
        resolvedAt: S + 50 * MINUTE,
        reminderQueuedAt: S - HOUR,
      },
      {
        ...base,
        id: newId(),
        name: "B",
        status: "completed",
        startedAt: S,
        scheduledFor: S,
        scheduledUntil: S + HOUR,
        resolvedAt: S + 90 * MINUTE,
      },
      {
        ...base,
        id: newId(),
        name: "C",
        status: "cancelled",
        startedAt: S,
        scheduledFor: S,
        scheduledUntil: S + HOUR,
        cancelledAt: S - HOUR,
      },
    ])
    .run();
  // Reach: three email subscribers; two outbox rows sent for the mail update, 4 s and 10 s after it.
  addConfirmedSubscribers(world, 3);
  const notificationId = newId();
  db.insert(notifications)
    .values({
      id: notificationId,
      pageId: world.pageId,
      kind: "incident_created",
      incidentId: mail.id,
      incidentUpdateId: mail.updateId,
      createdAt: T + 6 * MINUTE,
    })
    .run();
  const sent = (chunk: number, recipients: string[], after: number) => ({
    id: newId(),
    notificationId,
    channel: "email" as const,
    chunk,
    recipients,
    idempotencyKey: `k${chunk}`,
    state: "sent" as const,
    nextAttemptAt: 0,
    completedAt: T + 6 * MINUTE + after,
    createdAt: 1,
    updatedAt: 1,
  });
  db.insert(deliveries)
    .values([sent(0, ["a", "b"], 4_000), sent(1, ["c"], 10_000)])
    .run();
  return { mail, vpn };
}

describe("the report's further measures", () => {
  it("measures availability against each target, from detection, planned work and reach", () => {
    month();
    db.update(components).set({ availabilityTarget: 99.95 }).where(eq(components.id, world.webmail)).run();
    const report = buildServiceReport(db, world.pageId, november, { now });
    const [webmail, vpn] = report.services;
    expect(webmail).toMatchObject({
      name: "Webmail",
      target: 99.95,
      minutes: { major_outage: 40, partial_outage: 0, degraded_performance: 0 },
      daysBelow: ["2026-11-10"], // 1 - 40/1440 = 97.2%
    });
    expect(webmail.availability).toBeCloseTo(1 - 40 / 43_200, 10);
    expect(vpn).toMatchObject({ target: 99.9, availability: 1, daysBelow: [] });
    expect(vpn.minutes.degraded_performance).toBe(20);
    expect(report.overall.daysBelow).toEqual(["2026-11-10"]);
    // Mail: 6 minutes from the monitor's detection (not 0 from its start); VPN: 0. Mean 3 minutes.
    expect(report.timeToFirstUpdateMs).toBe(3 * MINUTE);
    expect(report.planned).toEqual({
      scheduled: 3,
      done: 2,
      withinWindow: 1,
      overrun: 1,
      cancelled: 1,
      remindersSent: 1,
    });
    expect(report.reach).toEqual({
      perChannel: { email: 3, webhook: 0, chat: 0, sms: 0 },
      delivered: 3,
      medianDeliveryMs: 7_000,
    });

    const csv = serviceReportCsv(report);
    expect(csv).toContain("Webmail,99.95,99.907,40,0,0,1\r\n");
    expect(csv).toContain("Mail down,Critical,2026-11-10T09:06:00.000Z,6,40\r\n");
    expect(csv).toContain("median seconds from update to delivery,7\r\n");
    expect(csv).toContain("planned work overrun,1\r\n");
  });

  it("shows the public nothing of an internal service: not its availability, incident, votes or deliveries", () => {
    month();
    db.update(pages).set({ visibility: "mixed" }).run();
    db.update(components).set({ visibility: "internal" }).where(eq(components.id, world.webmail)).run();
    const pub = buildServiceReport(db, world.pageId, november, { audience: "public", now });
    expect(pub.services.map((s) => s.name)).toEqual(["VPN"]);
    expect(pub.incidents.map((i) => i.name)).toEqual(["VPN slow"]);
    expect(pub.overall.daysBelow).toEqual([]);
    expect(pub.reach.delivered).toBe(0);
    expect(pub.timeToFirstUpdateMs).toBe(0);
    expect(serviceReportCsv(pub)).not.toContain("Webmail");
    expect(serviceReportCsv(pub)).not.toContain("Mail down");
    // The console still sees both.
    expect(buildServiceReport(db, world.pageId, november, { now }).services).toHaveLength(2);
  });
});

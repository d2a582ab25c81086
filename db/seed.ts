// Demo content that looks like a real IT department: groups of services, 90 days of history with a few
// resolved incidents, a completed and an upcoming maintenance. Written through the same write functions
// the app uses, in one transaction.
import { sql } from "drizzle-orm";
import type { ComponentStatus, IncidentStatus, MaintenanceStatus } from "@/db/constants";
import { DAY, HOUR, MINUTE } from "@/core/time";
import type { Db } from "./index";
import { components, incidents, pages } from "./schema";
import { insertComponent, insertGroup } from "./writes/components";
import { insertIncident, insertIncidentUpdate, type MaintenanceWindow } from "./writes/incidents";
import { writeAppState } from "./writes/page";

interface ServiceSpec {
  name: string;
  description: string;
  showcase?: boolean;
  onlyShowIfDegraded?: boolean;
  /** Days ago the service went live (shown as "no data" before); default: long ago. */
  liveDaysAgo?: number;
}

const GROUPS: { name: string; description: string; services: ServiceSpec[] }[] = [
  {
    name: "Email & Collaboration",
    description: "Mail, calendars, chat, meetings and shared files.",
    services: [
      { name: "Email", description: "Sending and receiving mail, in Outlook and on phones." },
      { name: "Webmail", description: "Browser access to staff mailboxes." },
      { name: "Chat & Meetings", description: "Team chat, calls and video meetings." },
      { name: "File Sharing", description: "Shared drives and document links." },
    ],
  },
  {
    name: "Network & Remote Access",
    description: "Getting connected, on site and from home.",
    services: [
      { name: "VPN", description: "Remote access to internal systems from outside the office." },
      { name: "Wi-Fi", description: "Staff and guest wireless networks in every building." },
      { name: "Internet Connectivity", description: "The link from our sites to the internet." },
    ],
  },
  {
    name: "Business Applications",
    description: "The systems the organisation runs on.",
    services: [
      { name: "Finance (ERP)", description: "Purchasing, invoices and the general ledger." },
      { name: "HR Portal", description: "Leave requests, payslips and personal details.", liveDaysAgo: 40 },
      { name: "Payroll", description: "Monthly payroll processing." },
      { name: "CRM", description: "Customer records, cases and campaigns." },
    ],
  },
  {
    name: "Service Desk",
    description: "How to reach IT when something is wrong.",
    services: [
      { name: "Phone Line", description: "The IT help line, staffed 07:00-19:00 on weekdays." },
      { name: "Self-Service Portal", description: "Raise and follow tickets, reset passwords." },
      { name: "Ticketing System", description: "The system the Service Desk works tickets in." },
    ],
  },
];

const TOP_LEVEL: ServiceSpec[] = [
  { name: "Single Sign-On", description: "One login for every staff application." },
  {
    name: "Printing",
    description: "Follow-me printing on every floor.",
    showcase: false,
    onlyShowIfDegraded: true,
  },
];

interface Step {
  /** Minutes after the incident started. */
  after: number;
  status: IncidentStatus | MaintenanceStatus;
  body: string;
  set?: Record<string, ComponentStatus>;
}

interface IncidentSpec {
  name: string;
  daysAgo: number;
  /** UTC hour and minute the incident started. */
  at: [number, number];
  steps: Step[];
  postmortem?: string;
}

const INCIDENTS: IncidentSpec[] = [
  {
    name: "Ticketing system unavailable",
    daysAgo: 81,
    at: [8, 12],
    steps: [
      {
        after: 0,
        status: "investigating",
        body: "The ticketing system is not loading for Service Desk staff. Please phone the help line for urgent issues.",
        set: { "Ticketing System": "major_outage", "Self-Service Portal": "partial_outage" },
      },
      {
        after: 18,
        status: "identified",
        body: "The database server behind the ticketing system ran out of disk space. We are freeing space now.",
      },
      {
        after: 41,
        status: "monitoring",
        body: "Space has been freed and the system is back. We are watching it closely.",
        set: { "Ticketing System": "operational", "Self-Service Portal": "operational" },
      },
      {
        after: 95,
        status: "resolved",
        body: "The ticketing system has been stable for an hour. Tickets raised by email during the outage have all arrived.",
      },
    ],
  },
  {
    name: "Payroll run delayed",
    daysAgo: 58,
    at: [6, 30],
    steps: [
      {
        after: 0,
        status: "investigating",
        body: "The payroll system cannot be reached. This month's run is on hold until it is back.",
        set: { Payroll: "major_outage" },
      },
      {
        after: 35,
        status: "identified",
        body: "An expired certificate on the payroll server is blocking connections. A new certificate is being issued.",
      },
      {
        after: 150,
        status: "monitoring",
        body: "The new certificate is in place and the payroll run has restarted.",
        set: { Payroll: "operational" },
      },
      {
        after: 210,
        status: "resolved",
        body: "The payroll run has completed. Salaries will be paid on the usual date.",
      },
    ],
    postmortem:
      "## What happened\nThe TLS certificate of the payroll server expired at 06:00 UTC. Clients refused to connect, so the monthly payroll run could not start.\n\n## Why we did not catch it\nThe certificate was issued by hand three years ago and was not in our expiry monitoring.\n\n## What we are changing\n- Every certificate is now renewed automatically.\n- Expiry monitoring covers every server, with alerts 30 and 7 days ahead.",
  },
  {
    name: "VPN connections failing for some users",
    daysAgo: 34,
    at: [13, 5],
    steps: [
      {
        after: 0,
        status: "investigating",
        body: "Some people working from home cannot connect to the VPN. We are looking into it.",
        set: { VPN: "partial_outage" },
      },
      {
        after: 22,
        status: "identified",
        body: "One of the two VPN gateways stopped accepting connections after a configuration change. We are rolling the change back.",
      },
      {
        after: 48,
        status: "monitoring",
        body: "The change has been rolled back and both gateways accept connections again. If you still cannot connect, restart the VPN client.",
        set: { VPN: "operational" },
      },
      { after: 90, status: "resolved", body: "VPN connections have been normal for the last 40 minutes." },
    ],
  },
  {
    name: "Webmail slow to load",
    daysAgo: 12,
    at: [9, 0],
    steps: [
      {
        after: 0,
        status: "investigating",
        body: "Webmail is taking up to a minute to load. Outlook on desktops and phones is not affected.",
        set: { Webmail: "degraded_performance" },
      },
      { after: 45, status: "identified", body: "A fix is being rolled out." },
      {
        after: 80,
        status: "monitoring",
        body: "The fix is in place and load times are back to normal.",
        set: { Webmail: "operational" },
      },
      { after: 140, status: "resolved", body: "Webmail has been fast for an hour. Thank you for your patience." },
    ],
  },
  {
    name: "Wi-Fi dropping in the Science Building",
    daysAgo: 5,
    at: [10, 20],
    steps: [
      {
        after: 0,
        status: "investigating",
        body: "Wi-Fi connections in the Science Building keep dropping. Wired connections work.",
        set: { "Wi-Fi": "degraded_performance" },
      },
      {
        after: 30,
        status: "identified",
        body: "A failed network switch is cutting power to the access points on floors 2 and 3. An engineer is on the way with a replacement.",
        set: { "Wi-Fi": "partial_outage" },
      },
      {
        after: 150,
        status: "monitoring",
        body: "The switch has been replaced and all access points are back online.",
        set: { "Wi-Fi": "operational" },
      },
      { after: 210, status: "resolved", body: "Wi-Fi in the Science Building has been stable since the replacement." },
    ],
  },
];

interface MaintenanceSpec {
  name: string;
  /** Negative for the past. */
  startsInDays: number;
  at: [number, number];
  durationMinutes: number;
  services: string[];
  body: string;
  steps: Step[];
}

const MAINTENANCES: MaintenanceSpec[] = [
  {
    name: "Email server security updates",
    startsInDays: -20,
    at: [21, 0],
    durationMinutes: 120,
    services: ["Email", "Webmail"],
    body: "We are installing security updates on the mail servers. Email may be unavailable for a few minutes at a time during the window.",
    steps: [
      {
        after: 0,
        status: "in_progress",
        body: "The maintenance has started.",
        set: { Email: "under_maintenance", Webmail: "under_maintenance" },
      },
      {
        after: 95,
        status: "completed",
        body: "The updates are installed and email is working normally.",
        set: { Email: "operational", Webmail: "operational" },
      },
    ],
  },
  {
    name: "VPN gateway firmware upgrade",
    startsInDays: 3,
    at: [22, 0],
    durationMinutes: 120,
    services: ["VPN"],
    body: "We are upgrading the firmware of both VPN gateways. Remote access will be unavailable for up to 30 minutes during the window. Please save your work and disconnect before it starts.",
    steps: [],
  },
];

export interface SeedResult {
  seeded: boolean;
  reason?: string;
}

function hasContent(db: Db): boolean {
  const c =
    db
      .select({ n: sql<number>`count(*)` })
      .from(components)
      .get()?.n ?? 0;
  const i =
    db
      .select({ n: sql<number>`count(*)` })
      .from(incidents)
      .get()?.n ?? 0;
  return c + i > 0;
}

/**
 * Seeds the demo content. Refuses when the page already has services or incidents unless `force` is set,
 * in which case the existing services and incidents are deleted first.
 */
export function seedDemo(db: Db, options: { now?: number; force?: boolean } = {}): SeedResult {
  const now = options.now ?? Date.now();
  const page = db.select().from(pages).limit(1).get();
  if (!page) return { seeded: false, reason: "the database has no page yet" };
  if (hasContent(db) && !options.force) {
    return { seeded: false, reason: "the database already has services or incidents (use --force to replace them)" };
  }

  const midnight = Math.floor(now / DAY) * DAY;
  const origin = midnight - 400 * DAY;
  const actor = { source: "seed" as const };

  db.transaction((tx) => {
    if (options.force) {
      tx.delete(incidents).run();
      tx.delete(components).run();
      tx.run(sql`delete from component_groups`);
    }
    const ids = new Map<string, string>();
    const addService = (spec: ServiceSpec, groupId: string | null) => {
      const liveAt = spec.liveDaysAgo === undefined ? origin : midnight - spec.liveDaysAgo * DAY;
      ids.set(
        spec.name,
        insertComponent(tx, {
          pageId: page.id,
          groupId,
          name: spec.name,
          description: spec.description,
          showcase: spec.showcase ?? true,
          onlyShowIfDegraded: spec.onlyShowIfDegraded ?? false,
          startDate: new Date(liveAt).toISOString().slice(0, 10),
          at: liveAt,
          actor,
        }),
      );
    };
    for (const group of GROUPS) {
      const groupId = insertGroup(tx, {
        pageId: page.id,
        name: group.name,
        description: group.description,
        at: origin,
      });
      for (const service of group.services) addService(service, groupId);
    }
    for (const service of TOP_LEVEL) addService(service, null);

    const componentStatuses = (set: Record<string, ComponentStatus> | undefined) =>
      Object.fromEntries(Object.entries(set ?? {}).map(([name, status]) => [ids.get(name)!, status]));

    type Event = { at: number; write: () => void };
    const events: Event[] = [];

    for (const spec of INCIDENTS) {
      const start = midnight - spec.daysAgo * DAY + spec.at[0] * HOUR + spec.at[1] * MINUTE;
      const affected = [...new Set(spec.steps.flatMap((s) => Object.keys(s.set ?? {})))].map((n) => ids.get(n)!);
      events.push({
        at: start,
        write: () => {
          const incidentId = insertIncident(tx, {
            pageId: page.id,
            kind: "incident",
            name: spec.name,
            status: "investigating",
            startedAt: start,
            at: start,
            componentIds: affected,
          });
          for (const step of spec.steps) {
            const at = start + step.after * MINUTE;
            insertIncidentUpdate(tx, {
              incidentId,
              status: step.status,
              body: step.body,
              displayAt: at,
              at,
              deliverNotifications: true,
              componentStatuses: componentStatuses(step.set),
            });
          }
          if (spec.postmortem) {
            const publishedAt = start + 3 * DAY;
            tx.update(incidents)
              .set({ postmortemBody: spec.postmortem, postmortemPublishedAt: publishedAt })
              .where(sql`id = ${incidentId}`)
              .run();
          }
        },
      });
    }

    for (const spec of MAINTENANCES) {
      const start = midnight + spec.startsInDays * DAY + spec.at[0] * HOUR + spec.at[1] * MINUTE;
      const announced = Math.min(start - 7 * DAY, now - DAY);
      const window: MaintenanceWindow = {
        scheduledFor: start,
        scheduledUntil: start + spec.durationMinutes * MINUTE,
        autoStart: true,
        autoComplete: true,
        remindBeforeMinutes: 60,
        setComponentsUnderMaintenance: true,
      };
      events.push({
        at: announced,
        write: () => {
          const id = insertIncident(tx, {
            pageId: page.id,
            kind: "maintenance",
            name: spec.name,
            status: "scheduled",
            startedAt: start,
            at: announced,
            componentIds: spec.services.map((n) => ids.get(n)!),
            maintenance: window,
          });
          insertIncidentUpdate(tx, {
            incidentId: id,
            status: "scheduled",
            body: spec.body,
            displayAt: announced,
            at: announced,
            deliverNotifications: true,
          });
          for (const step of spec.steps) {
            const at = start + step.after * MINUTE;
            insertIncidentUpdate(tx, {
              incidentId: id,
              status: step.status,
              body: step.body,
              displayAt: at,
              at,
              deliverNotifications: true,
              componentStatuses: componentStatuses(step.set),
            });
          }
        },
      });
    }

    // Status history must be written in time order, so incidents and maintenances interleave by start.
    for (const event of events.sort((a, b) => a.at - b.at)) event.write();
    writeAppState(tx, "demo_seeded_at", new Date(now).toISOString(), now);
  });
  return { seeded: true };
}

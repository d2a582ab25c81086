// The demo page's history: resolved incidents over the last 90 days, a completed and an upcoming maintenance.
// Times are relative to the seed's "now", so the page always looks recent.
import type { ComponentStatus, IncidentStatus, MaintenanceStatus } from "@/db/constants";

export interface Step {
  /** Minutes after the incident started. */
  after: number;
  status: IncidentStatus | MaintenanceStatus;
  body: string;
  set?: Record<string, ComponentStatus>;
}

export interface IncidentSpec {
  name: string;
  daysAgo: number;
  /** UTC hour and minute the incident started. */
  at: [number, number];
  steps: Step[];
  postmortem?: string;
}

export const INCIDENTS: IncidentSpec[] = [
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

export interface MaintenanceSpec {
  name: string;
  /** Negative for the past. */
  startsInDays: number;
  at: [number, number];
  durationMinutes: number;
  services: string[];
  body: string;
  steps: Step[];
}

export const MAINTENANCES: MaintenanceSpec[] = [
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

// The service report's further measures (issue #17): availability against each service's target, the
// detection clock for the time to first update, planned work, and reach. Pure functions of plain rows, like
// core/service-report.ts; times are epoch ms and a period is [from, to) of the page's local days (parsePeriod).
import type { ComponentStatus, DowntimeStatus, SubscriberKind } from "@/db/constants";
import { DOWNTIME_STATUSES, SUBSCRIBER_KINDS } from "@/db/constants";
import { periodDays } from "./report-period";
import { dailyUptime, periodUptime, type StatusChange } from "./uptime";

/** A target is a percentage: above 0, at most 100. */
export const DEFAULT_AVAILABILITY_TARGET = 99.9;
export function availabilityTargetProblem(value: number): string | null {
  if (!Number.isFinite(value)) return "Enter the target as a number, e.g. 99.9.";
  if (value <= 0 || value > 100) return "The target is a percentage above 0 and at most 100.";
  return null;
}

export { DOWNTIME_STATUSES, type DowntimeStatus } from "@/db/constants";

export interface ServiceAvailability {
  componentId: string;
  target: number;
  /** Weighted as on the public page (core/uptime.ts); null without data. */
  availability: number | null;
  /** Whole minutes spent in each downtime status within the period (unweighted). */
  minutes: Record<DowntimeStatus, number>;
  /** Local dates ("YYYY-MM-DD", the page's zone) whose availability fell below the target. */
  daysBelow: string[];
}

/** Time in each status within [from, to), from a history whose rows last until the next one. */
function timeInStatus(changes: readonly StatusChange[], from: number, to: number) {
  const rows = [...changes].sort((a, b) => a.at - b.at);
  const out = new Map<ComponentStatus, number>();
  for (let i = 0; i < rows.length; i++) {
    const a = Math.max(rows[i].at, from);
    const b = Math.min(i + 1 < rows.length ? rows[i + 1].at : Infinity, to);
    if (b > a) out.set(rows[i].status, (out.get(rows[i].status) ?? 0) + b - a);
  }
  return out;
}

export function serviceAvailability(
  service: { id: string; target: number; startDate?: string | null },
  changes: readonly StatusChange[],
  period: { from: number; to: number; timeZone: string },
  now: number,
  // The period's local days: a report passes them once for all its services (a year is 365 zone look-ups).
  localDays = periodDays(period),
): ServiceAvailability {
  const days = dailyUptime({ changes, days: localDays, now, startDate: service.startDate });
  const spent = timeInStatus(changes, period.from, Math.min(period.to, now));
  const minutes = Object.fromEntries(
    DOWNTIME_STATUSES.map((s) => [s, Math.round((spent.get(s) ?? 0) / 60_000)]),
  ) as Record<DowntimeStatus, number>;
  return {
    componentId: service.id,
    target: service.target,
    availability: periodUptime(days),
    minutes,
    daysBelow: days.filter((d) => d.uptime !== null && d.uptime * 100 < service.target).map((d) => d.date),
  };
}

/**
 * Over all services: the mean availability of those with data (as a group's uptime is), the minutes summed,
 * the strictest target, and the days on which any service fell below its own target.
 */
export function overallAvailability(services: readonly ServiceAvailability[]) {
  const measured = services.filter((s) => s.availability !== null);
  const minutes = Object.fromEntries(
    DOWNTIME_STATUSES.map((st) => [st, services.reduce((sum, s) => sum + s.minutes[st], 0)]),
  ) as Record<DowntimeStatus, number>;
  return {
    availability: measured.length ? measured.reduce((a, s) => a + s.availability!, 0) / measured.length : null,
    target: services.length ? Math.max(...services.map((s) => s.target)) : DEFAULT_AVAILABILITY_TARGET,
    minutes,
    daysBelow: [...new Set(services.flatMap((s) => s.daysBelow))].sort(),
  };
}

/** A monitor or alert claim this long before an incident's start still counts as its detection. */
export const DETECTION_LEAD_MS = 60 * 60 * 1000;

/**
 * When the clock of "time to first update" starts: the earliest machine claim (a monitor down, an alert
 * firing) on one of the incident's services from DETECTION_LEAD_MS before its start, else its start.
 */
export function detectedAt(
  incident: { startedAt: number; componentIds: readonly string[] },
  claims: readonly { componentId: string; since: number }[],
): number {
  const services = new Set(incident.componentIds);
  let earliest = incident.startedAt;
  for (const c of claims) {
    if (services.has(c.componentId) && c.since >= incident.startedAt - DETECTION_LEAD_MS && c.since < earliest)
      earliest = c.since;
  }
  return earliest;
}

export interface ReportMaintenance {
  scheduledFor: number;
  scheduledUntil: number | null;
  resolvedAt: number | null;
  cancelledAt: number | null;
  reminderQueuedAt: number | null;
}

/**
 * Planned work of the period: done (completed), done within the window, overrun (completed after the
 * window's end, or still open past it), cancelled; and the reminders that went out.
 */
export function plannedWork(list: readonly ReportMaintenance[], now: number) {
  let done = 0;
  let withinWindow = 0;
  let overrun = 0;
  let cancelled = 0;
  for (const m of list) {
    if (m.cancelledAt !== null) {
      cancelled++;
      continue;
    }
    const until = m.scheduledUntil ?? Infinity;
    if (m.resolvedAt !== null) {
      done++;
      if (m.resolvedAt <= until) withinWindow++;
      else overrun++;
    } else if (now > until) overrun++;
  }
  return {
    scheduled: list.length,
    done,
    withinWindow,
    overrun,
    cancelled,
    remindersSent: list.filter((m) => m.reminderQueuedAt !== null).length,
  };
}

export interface ReportDelivery {
  /** How many recipients the outbox row carried. */
  recipients: number;
  completedAt: number;
  /** When the update it announced was posted; null for a message about no update. */
  updatePostedAt: number | null;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Reach: subscribers per channel, messages delivered (one per recipient), median update-to-delivery time. */
export function reach(subscriberKinds: readonly SubscriberKind[], delivered: readonly ReportDelivery[]) {
  const perChannel = Object.fromEntries(SUBSCRIBER_KINDS.map((k) => [k, 0])) as Record<SubscriberKind, number>;
  for (const k of subscriberKinds) perChannel[k]++;
  return {
    perChannel,
    delivered: delivered.reduce((n, d) => n + d.recipients, 0),
    medianDeliveryMs: median(
      delivered.filter((d) => d.updatePostedAt !== null).map((d) => Math.max(0, d.completedAt - d.updatePostedAt!)),
    ),
  };
}

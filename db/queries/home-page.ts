// Everything the home page shows, read in a fixed number of queries and put together with the pure rules
// (status roll-up, uptime). The route only renders what this returns.

import { dailyUptime, groupDailyUptime, groupPeriodUptime, periodUptime, type DayUptime } from "@/core/uptime";
import { visibleComponent } from "@/core/status";
import { addDays, lastLocalDays, localDate, startOfLocalDay } from "@/core/time-zone";
import type { Audience } from "../constants";
import type { Db } from "../index";
import type { Page } from "../schema";
import {
  getActiveIncidents,
  getIncidentMarkers,
  getIncidentsBetween,
  getOpenMaintenances,
  getRecurrenceRules,
  occurredAt,
  type PublicIncident,
  type RecurrenceRule,
} from "./public-incidents";
import { getResponseTimes, type ResponseTimeSeries } from "./response-times";
import { getComponentTree, getOverallStatus, type ComponentRow } from "./status-page";
import { getStatusHistory } from "./uptime-history";

export const UPTIME_DAYS = 90;
export const UPTIME_PERIODS = [30, 60, 90] as const;
export const PAST_INCIDENT_DAYS = 14;

export interface ComponentUptime {
  days: DayUptime[];
  /** Uptime over the last 30, 60 and 90 days (the bar counts shown on phone, tablet and desktop). */
  periods: Record<(typeof UPTIME_PERIODS)[number], number | null>;
  /** Per day index, the incidents that touched this component that day. */
  incidentsByDay: Map<number, string[]>;
}

export interface HomePage {
  page: Page;
  status: ReturnType<typeof getOverallStatus>;
  rows: ComponentRow[];
  active: PublicIncident[];
  maintenances: ReturnType<typeof getOpenMaintenances>;
  /** The rule of each recurring series an open maintenance belongs to, by recurrence id. */
  recurrences: Map<string, RecurrenceRule>;
  uptime: Map<string, ComponentUptime>;
  /** id -> name of every incident the uptime tooltips mention. */
  incidentNames: Map<string, string>;
  /** Services whose admin turned the response-time chart on (and that a visitor can see): their roll-ups. */
  responseTimes: Map<string, ResponseTimeSeries>;
  pastDays: { date: string; incidents: PublicIncident[] }[];
  lastUpdated: number;
  now: number;
}

export function getHomePage(db: Db, page: Page, now = Date.now(), audience: Audience = "public"): HomePage {
  const tz = page.timeZone;
  const status = getOverallStatus(db, page.id, audience);
  const rows = getComponentTree(db, page.id, audience);
  const active = getActiveIncidents(db, page.id, audience);
  const maintenances = getOpenMaintenances(db, page.id, audience);
  const recurrences = getRecurrenceRules(
    db,
    maintenances.upcoming.flatMap((m) => (m.incident.recurrenceId ? [m.incident.recurrenceId] : [])),
  );

  const all = rows.flatMap((r) => (r.type === "group" ? r.components : [r.component]));
  const showcase = all.filter((c) => c.showcase && visibleComponent(c));
  const responseTimes = getResponseTimes(
    db,
    all.filter((c) => c.showResponseTime && visibleComponent(c)).map((c) => c.id),
    now,
  );
  const days = lastLocalDays(now, UPTIME_DAYS, tz);
  const history = getStatusHistory(
    db,
    showcase.map((c) => c.id),
    days[0].start,
  );
  const markers = getIncidentMarkers(db, page.id, days[0].start, audience);
  const incidentNames = new Map<string, string>();
  const uptime = new Map<string, ComponentUptime>();
  for (const component of showcase) {
    const componentDays = dailyUptime({
      changes: history.get(component.id) ?? [],
      days,
      now,
      startDate: component.startDate,
    });
    const incidentsByDay = new Map<number, string[]>();
    for (const m of markers) {
      if (m.componentId !== component.id) continue;
      const end = m.resolvedAt ?? now;
      days.forEach((day, i) => {
        if (m.startedAt < day.end && end >= day.start) {
          incidentsByDay.set(i, [...(incidentsByDay.get(i) ?? []), m.id]);
          incidentNames.set(m.id, m.name);
        }
      });
    }
    uptime.set(component.id, {
      days: componentDays,
      periods: {
        30: periodUptime(componentDays.slice(-30)),
        60: periodUptime(componentDays.slice(-60)),
        90: periodUptime(componentDays),
      },
      incidentsByDay,
    });
  }

  // A group's bar: the mean of its showcased children's (only when the group shows at least one).
  for (const row of rows) {
    if (row.type !== "group") continue;
    const children = row.components.map((c) => uptime.get(c.id)).filter((u): u is ComponentUptime => u !== undefined);
    if (children.length === 0) continue;
    const incidentsByDay = new Map<number, string[]>();
    for (const child of children)
      for (const [day, ids] of child.incidentsByDay)
        incidentsByDay.set(day, [...new Set([...(incidentsByDay.get(day) ?? []), ...ids])]);
    uptime.set(row.group.id, {
      days: groupDailyUptime(children.map((c) => c.days)),
      periods: {
        30: groupPeriodUptime(children.map((c) => c.periods[30])),
        60: groupPeriodUptime(children.map((c) => c.periods[60])),
        90: groupPeriodUptime(children.map((c) => c.periods[90])),
      },
      incidentsByDay,
    });
  }

  const today = localDate(now, tz);
  const firstPastDay = addDays(today, -(PAST_INCIDENT_DAYS - 1));
  const past = getIncidentsBetween(db, page.id, startOfLocalDay(firstPastDay, tz), now + 1, { audience });
  const pastDays = Array.from({ length: PAST_INCIDENT_DAYS }, (_, i) => {
    const date = addDays(today, -i);
    return { date, incidents: past.filter((p) => localDate(occurredAt(p.incident), tz) === date) };
  });

  const lastUpdated = Math.max(
    page.updatedAt,
    ...all.map((c) => c.updatedAt),
    ...[...active, ...maintenances.inProgress, ...maintenances.upcoming, ...past].map((p) => p.incident.updatedAt),
  );
  return {
    page,
    status,
    rows,
    active,
    maintenances,
    recurrences,
    uptime,
    incidentNames,
    responseTimes,
    pastDays,
    lastUpdated,
    now,
  };
}

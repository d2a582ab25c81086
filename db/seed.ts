// Demo content that looks like a real IT department: groups of services, 90 days of history with a few
// resolved incidents, a completed and an upcoming maintenance (the content itself is in db/seed/). Written
// through the same write functions the app uses, in one transaction.
import { sql } from "drizzle-orm";
import type { ComponentStatus } from "@/db/constants";
import { DAY, HOUR, MINUTE } from "@/core/time";
import type { Db } from "./index";
import { components, incidents, pages } from "./schema";
import { INCIDENTS, MAINTENANCES, type Step } from "./seed/demo-events";
import { GROUPS, TOP_LEVEL, type ServiceSpec } from "./seed/demo-services";
import { insertComponent, insertGroup } from "./writes/components";
import { insertIncident, insertIncidentUpdate, type MaintenanceWindow } from "./writes/incidents";
import { writeAppState } from "./writes/page";

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
    const writeSteps = (incidentId: string, start: number, steps: Step[]) => {
      for (const step of steps) {
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
    };

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
          writeSteps(incidentId, start, spec.steps);
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
          writeSteps(id, start, spec.steps);
        },
      });
    }

    // Status history must be written in time order, so incidents and maintenances interleave by start.
    for (const event of events.sort((a, b) => a.at - b.at)) event.write();
    writeAppState(tx, "demo_seeded_at", new Date(now).toISOString(), now);
  });
  return { seeded: true };
}

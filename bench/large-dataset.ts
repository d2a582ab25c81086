// A large, deterministic page for the benchmark, written through the same write layer as the app. The default
// is 60 services in 8 groups, a year of status history and 300 incidents with four updates each; the growth
// table (bench/growth.ts) scales services and years.
import type { ComponentStatus } from "@/db/constants";
import type { Db } from "@/db";
import { insertComponent, insertGroup, setComponentStatus } from "@/db/writes/components";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { ensurePage } from "@/db/writes/page";
import { pages } from "@/db/schema";
import { DAY, MINUTE } from "@/core/time";

/** A small seeded PRNG (mulberry32), so every run benchmarks the same data. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DatasetShape {
  services: number;
  groups: number;
  years: number;
  /** Incidents per year of history. */
  incidentsPerYear: number;
}

export const LARGE: DatasetShape = { services: 60, groups: 8, years: 1, incidentsPerYear: 300 };

/** About 7.5 services per group, as in the default page. */
export const shapeFor = (services: number, years: number): DatasetShape => ({
  services,
  groups: Math.ceil(services / 7.5),
  years,
  incidentsPerYear: 300,
});

export function seedLargeDataset(db: Db, shape: DatasetShape = LARGE, now = Date.now()): { incidentIds: string[] } {
  const rand = random(42);
  const days = Math.round(shape.years * 365);
  const start = now - days * DAY;
  ensurePage(db, { name: "Benchmark Services", timeZone: "Europe/Berlin", at: start });
  const pageId = db.select({ id: pages.id }).from(pages).get()!.id;
  const incidentIds: string[] = [];
  db.transaction((tx) => {
    const componentIds: string[] = [];
    for (let g = 0; g < shape.groups; g++) {
      const groupId = insertGroup(tx, {
        pageId,
        name: `Group ${g + 1}`,
        description: `Services of area ${g + 1}.`,
        at: start,
      });
      const count =
        g < shape.services % shape.groups
          ? Math.ceil(shape.services / shape.groups)
          : Math.floor(shape.services / shape.groups);
      for (let c = 0; c < count; c++) {
        const since = start + Math.floor(rand() * 3) * 30 * DAY;
        componentIds.push(
          insertComponent(tx, {
            pageId,
            groupId,
            name: `Service ${g + 1}.${c + 1}`,
            description: `What service ${g + 1}.${c + 1} does, in one sentence.`,
            startDate: new Date(since).toISOString().slice(0, 10),
            at: since,
            actor: { source: "seed" },
          }),
        );
      }
    }
    // Incidents spread over the history, oldest first so status history is written in time order.
    const incidents = Math.round(shape.incidentsPerYear * shape.years);
    const starts = Array.from({ length: incidents }, () => start + 31 * DAY + rand() * (days - 32) * DAY).sort(
      (a, b) => a - b,
    );
    const statuses: ComponentStatus[] = ["degraded_performance", "partial_outage", "major_outage"];
    for (const [n, at] of starts.entries()) {
      const affected = [componentIds[Math.floor(rand() * componentIds.length)]];
      if (rand() < 0.3) affected.push(componentIds[Math.floor(rand() * componentIds.length)]);
      const unique = [...new Set(affected)];
      const status = statuses[Math.floor(rand() * statuses.length)];
      const id = insertIncident(tx, {
        pageId,
        kind: "incident",
        name: `Incident ${n + 1}: service trouble`,
        status: "investigating",
        startedAt: at,
        at,
        componentIds: unique,
      });
      const steps = [
        {
          after: 0,
          status: "investigating" as const,
          set: status,
          body: "We are investigating reports of problems with this service.",
        },
        {
          after: 20 + rand() * 40,
          status: "identified" as const,
          body: "The cause has been **identified** and a fix is being prepared.",
        },
        {
          after: 60 + rand() * 120,
          status: "monitoring" as const,
          set: "operational" as const,
          body: "A fix has been applied; we are monitoring the results.",
        },
        { after: 200 + rand() * 200, status: "resolved" as const, body: "This incident has been resolved." },
      ];
      for (const step of steps) {
        const stepAt = Math.min(now - MINUTE, at + step.after * MINUTE);
        insertIncidentUpdate(tx, {
          incidentId: id,
          status: step.status,
          body: step.body,
          displayAt: stepAt,
          at: stepAt,
          deliverNotifications: false,
          componentStatuses: step.set ? Object.fromEntries(unique.map((c) => [c, step.set])) : undefined,
        });
      }
      incidentIds.push(id);
    }
    // Short degradations without an incident, twice a month per service, as monitoring records them.
    const halfMonths = Math.round(24 * shape.years);
    for (const componentId of componentIds) {
      for (let n = 0; n < halfMonths; n++) {
        const at = start + (n + rand()) * (days / halfMonths) * DAY;
        if (at > now - DAY) continue;
        setComponentStatus(tx, componentId, "degraded_performance", at, { source: "automation" });
        setComponentStatus(tx, componentId, "operational", at + (10 + rand() * 50) * MINUTE, { source: "automation" });
      }
    }
  });
  return { incidentIds };
}

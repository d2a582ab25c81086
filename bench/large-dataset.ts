// A large, deterministic page for the benchmark: 60 services in 8 groups, a year of status history and 300
// incidents with their updates, written through the same write layer as the app.
import type { ComponentStatus } from "@/db/constants";
import type { Db } from "@/db";
import { insertComponent, insertGroup, setComponentStatus } from "@/db/writes/components";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { ensurePage } from "@/db/writes/page";
import { pages } from "@/db/schema";
import { DAY, MINUTE } from "@/lib/time";

/** A small seeded PRNG (mulberry32), so every run benchmarks the same data. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LARGE = { groups: 8, components: 60, incidents: 300, days: 365 };

export function seedLargeDataset(db: Db, now = Date.now()): { incidentIds: string[] } {
  const rand = random(42);
  const start = now - LARGE.days * DAY;
  ensurePage(db, { name: "Benchmark Services", timeZone: "Europe/Berlin", at: start });
  const pageId = db.select({ id: pages.id }).from(pages).get()!.id;
  const incidentIds: string[] = [];
  db.transaction((tx) => {
    const componentIds: string[] = [];
    for (let g = 0; g < LARGE.groups; g++) {
      const groupId = insertGroup(tx, { pageId, name: `Group ${g + 1}`, description: `Services of area ${g + 1}.`, at: start });
      const count = g < LARGE.components % LARGE.groups ? Math.ceil(LARGE.components / LARGE.groups) : Math.floor(LARGE.components / LARGE.groups);
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
    // Incidents spread over the year, oldest first so status history is written in time order.
    const starts = Array.from({ length: LARGE.incidents }, () => start + 31 * DAY + rand() * (LARGE.days - 32) * DAY).sort((a, b) => a - b);
    const statuses: ComponentStatus[] = ["degraded_performance", "partial_outage", "major_outage"];
    for (const [n, at] of starts.entries()) {
      const affected = [componentIds[Math.floor(rand() * componentIds.length)]];
      if (rand() < 0.3) affected.push(componentIds[Math.floor(rand() * componentIds.length)]);
      const unique = [...new Set(affected)];
      const status = statuses[Math.floor(rand() * statuses.length)];
      const id = insertIncident(tx, { pageId, kind: "incident", name: `Incident ${n + 1}: service trouble`, status: "investigating", startedAt: at, at, componentIds: unique });
      const steps = [
        { after: 0, status: "investigating" as const, set: status, body: "We are investigating reports of problems with this service." },
        { after: 20 + rand() * 40, status: "identified" as const, body: "The cause has been **identified** and a fix is being prepared." },
        { after: 60 + rand() * 120, status: "monitoring" as const, set: "operational" as const, body: "A fix has been applied; we are monitoring the results." },
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
    for (const componentId of componentIds) {
      for (let month = 0; month < 24; month++) {
        const at = start + (month + rand()) * (LARGE.days / 24) * DAY;
        if (at > now - DAY) continue;
        setComponentStatus(tx, componentId, "degraded_performance", at, { source: "automation" });
        setComponentStatus(tx, componentId, "operational", at + (10 + rand() * 50) * MINUTE, { source: "automation" });
      }
    }
  });
  return { incidentIds };
}

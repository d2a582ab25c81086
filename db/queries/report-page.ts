// What the "Something not working?" form and page read: the services to choose from and, for the chosen
// one, the open incidents a visitor should see before reporting.
import { and, eq, isNull } from "drizzle-orm";
import { visibleComponent } from "@/core/status";
import type { Db } from "../index";
import { components } from "../schema";
import { getActiveIncidents, type PublicIncident } from "./public-incidents";
import { componentChoices, type ComponentChoices } from "./subscribers";
import { reportableComponent } from "./visitor-reports";

/** The services as the page groups them, only those the page shows now (a hidden one is not offered). */
export function reportChoices(db: Db, pageId: string): ComponentChoices {
  const shown = new Set(
    db
      .select({ id: components.id, status: components.status, onlyShowIfDegraded: components.onlyShowIfDegraded })
      .from(components)
      .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
      .all()
      .filter(visibleComponent)
      .map((c) => c.id),
  );
  return componentChoices(db, pageId)
    .map((g) => ({ ...g, components: g.components.filter((c) => shown.has(c.id)) }))
    .filter((g) => g.components.length > 0);
}

export function reportPageData(db: Db, pageId: string, serviceId: string | null) {
  const choices = reportChoices(db, pageId);
  const service = serviceId ? (reportableComponent(db, pageId, serviceId) ?? null) : null;
  const active = getActiveIncidents(db, pageId);
  // For a service: the incidents affecting it. For "something else" or none chosen: every open incident.
  const known: PublicIncident[] = service
    ? active.filter((i) => i.components.some((c) => c.id === service.id))
    : active;
  return { choices, service, known };
}

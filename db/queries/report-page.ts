// What the "Something not working?" page reads: the services to choose from and, for the chosen one,
// the open incidents a visitor should see before reporting.
import type { Db } from "../index";
import { getActiveIncidents, type PublicIncident } from "./public-incidents";
import { componentChoices } from "./subscribers";
import { reportableComponent } from "./visitor-reports";

export function reportPageData(db: Db, pageId: string, serviceId: string | null) {
  const choices = componentChoices(db, pageId);
  const service = serviceId ? (reportableComponent(db, pageId, serviceId) ?? null) : null;
  const active = getActiveIncidents(db, pageId);
  // For a service: the incidents affecting it. For "something else" or none chosen: every open incident.
  const known: PublicIncident[] = service
    ? active.filter((i) => i.components.some((c) => c.id === service.id))
    : active;
  return { choices, service, known };
}

// The lookups every incident and maintenance verb starts with, inside its transaction: the page, the record of
// the right kind, and the services it names.
import type { Tx } from "@/db";
import type { IncidentKind } from "@/db/constants";
import { findIncident, liveComponentIds } from "@/db/queries/lifecycle";
import { getPage } from "@/db/queries/status-page";
import type { Incident } from "@/db/schema";
import { DomainError, invalid, notFound } from "@/core/errors";

export function requirePage(tx: Tx) {
  const page = getPage(tx);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  return page;
}

/** Every id must be a service of the page that is not deleted; `field` names the form field in the error. */
export function checkComponents(tx: Tx, pageId: string, ids: string[], field: string): void {
  const live = liveComponentIds(tx, pageId, ids);
  const missing = ids.filter((id) => !live.has(id));
  if (missing.length) throw invalid(field, `Unknown or deleted service: ${missing.join(", ")}`);
}

/** An incident and a maintenance share a table: a verb of one kind never touches the other. */
function requireKind(tx: Tx, id: string, kind: IncidentKind, label: string): Incident {
  const incident = findIncident(tx, id);
  if (!incident || incident.kind !== kind) throw notFound(label);
  return incident;
}

export function requireIncident(tx: Tx, id: string): Incident {
  return requireKind(tx, id, "incident", "Incident");
}

export function requireMaintenance(tx: Tx, id: string): Incident {
  return requireKind(tx, id, "maintenance", "Maintenance");
}

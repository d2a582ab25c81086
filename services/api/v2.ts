// The eight Statuspage v2 endpoints, as plain data built from the database.
import type { Db } from "@/db";
import {
  ACTIVE_MAINTENANCE_STATUSES,
  OPEN_MAINTENANCE_STATUSES,
  UNRESOLVED_INCIDENT_STATUSES,
  UPCOMING_MAINTENANCE_STATUSES,
} from "@/db/constants";
import { lastChangeAt, loadComponentsAndGroups, loadIncidentBundles } from "@/db/queries/public-api";
import { getOverallStatus, getPage } from "@/db/queries/status-page";
import { getConfig } from "@/core/config";
import type { Audience } from "@/db/constants";
import {
  serializeComponentList,
  serializeIncident,
  serializeMaintenance,
  serializePage,
  type ApiContext,
  type ApiPage,
} from "./statuspage";

export const V2_ENDPOINTS = [
  "summary.json",
  "status.json",
  "components.json",
  "incidents.json",
  "incidents/unresolved.json",
  "scheduled-maintenances.json",
  "scheduled-maintenances/upcoming.json",
  "scheduled-maintenances/active.json",
] as const;
export type V2Endpoint = (typeof V2_ENDPOINTS)[number];

const LIST_LIMIT = 50;

export function apiContext(
  db: Db,
  publicUrl = getConfig().publicUrl,
  audience: Audience = "public",
): ApiContext | null {
  const page = getPage(db);
  if (!page) return null;
  return { page, baseUrl: (page.url ?? publicUrl).replace(/\/+$/, ""), audience };
}

/** The page's updated_at: the latest change to the page, a component or an incident. */
function pageObject(db: Db, ctx: ApiContext): ApiPage {
  return serializePage(ctx, Math.max(ctx.page.updatedAt, lastChangeAt(db, ctx.page.id)));
}

function componentList(db: Db, ctx: ApiContext) {
  const { groups, components: list } = loadComponentsAndGroups(db, ctx.page.id, ctx.audience);
  return serializeComponentList(groups, list);
}

function incidentList(db: Db, ctx: ApiContext, unresolvedOnly: boolean) {
  const statuses = unresolvedOnly ? UNRESOLVED_INCIDENT_STATUSES : undefined;
  return loadIncidentBundles(db, ctx.page.id, {
    kind: "incident",
    statuses,
    order: "created_desc",
    limit: LIST_LIMIT,
    audience: ctx.audience,
  }).map((b) => serializeIncident(ctx, b));
}

function maintenanceList(db: Db, ctx: ApiContext, which: "all" | "upcoming" | "active" | "open") {
  const statuses = {
    upcoming: UPCOMING_MAINTENANCE_STATUSES,
    active: ACTIVE_MAINTENANCE_STATUSES,
    open: OPEN_MAINTENANCE_STATUSES,
  } as const;
  return loadIncidentBundles(db, ctx.page.id, {
    kind: "maintenance",
    statuses: which === "all" ? undefined : statuses[which],
    order: which === "all" ? "scheduled_desc" : "scheduled_asc",
    limit: LIST_LIMIT,
    audience: ctx.audience,
  }).map((b) => serializeMaintenance(ctx, b));
}

/** The body of one endpoint. */
export function buildV2(db: Db, ctx: ApiContext, endpoint: V2Endpoint): Record<string, unknown> {
  const page = pageObject(db, ctx);
  switch (endpoint) {
    case "summary.json":
      return {
        page,
        components: componentList(db, ctx),
        incidents: incidentList(db, ctx, true),
        scheduled_maintenances: maintenanceList(db, ctx, "open"),
        status: getOverallStatus(db, ctx.page.id, ctx.audience),
      };
    case "status.json":
      return { page, status: getOverallStatus(db, ctx.page.id, ctx.audience) };
    case "components.json":
      return { page, components: componentList(db, ctx) };
    case "incidents.json":
      return { page, incidents: incidentList(db, ctx, false) };
    case "incidents/unresolved.json":
      return { page, incidents: incidentList(db, ctx, true) };
    case "scheduled-maintenances.json":
      return { page, scheduled_maintenances: maintenanceList(db, ctx, "all") };
    case "scheduled-maintenances/upcoming.json":
      return { page, scheduled_maintenances: maintenanceList(db, ctx, "upcoming") };
    case "scheduled-maintenances/active.json":
      return { page, scheduled_maintenances: maintenanceList(db, ctx, "active") };
  }
}

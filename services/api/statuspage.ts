// The Statuspage v2 object shapes (shared/specs/statuspage-v2.md), built by one serializer each and shared
// by the API, the webhooks and the feeds so the shapes cannot drift. Every key is always present; a missing
// value is null. Key order follows the spec.
import type {
  ComponentStatus,
  Impact,
  IncidentStatus,
  Indicator,
  PostableMaintenanceStatus,
  StatusDescription,
} from "@/db/constants";
import type { IncidentBundle } from "@/db/queries/public-api";
import type { Component, ComponentGroup, Incident, Page } from "@/db/schema";
import { groupStatus } from "@/core/status";
import { toIso } from "@/core/time";
import type { Audience } from "@/db/constants";

export interface ApiContext {
  page: Page;
  /** The page's public URL, without a trailing slash. */
  baseUrl: string;
  /** Who reads this answer (core/audience.ts); "public" when absent. */
  audience?: Audience;
}

export interface ApiPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface ApiComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  components?: string[];
}

export type ApiIncidentStatus = IncidentStatus;
export type ApiMaintenanceStatus = PostableMaintenanceStatus;

export interface ApiIncidentUpdate {
  id: string;
  status: ApiIncidentStatus | ApiMaintenanceStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components:
    { code: string; name: string; old_status: ComponentStatus; new_status: ComponentStatus }[] | null;
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

export interface ApiIncident {
  id: string;
  name: string;
  status: ApiIncidentStatus | ApiMaintenanceStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: Impact | "maintenance";
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: ApiIncidentUpdate[];
  components: ApiComponent[];
}

export interface ApiMaintenance extends ApiIncident {
  scheduled_for: string | null;
  scheduled_until: string | null;
}

export interface ApiStatus {
  indicator: Indicator;
  description: StatusDescription;
}

/** Statuspage has no "cancelled"; a cancelled maintenance reads as completed. */
function apiStatus(status: Incident["status"]): ApiIncident["status"] {
  return status === "cancelled" ? "completed" : status;
}

export function serializePage(ctx: ApiContext, updatedAt: number): ApiPage {
  return {
    id: ctx.page.id,
    name: ctx.page.name,
    url: ctx.baseUrl,
    time_zone: ctx.page.timeZone,
    updated_at: toIso(updatedAt),
  };
}

export function serializeComponent(component: Component): ApiComponent {
  return {
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: toIso(component.createdAt),
    updated_at: toIso(component.updatedAt),
    position: component.position,
    description: component.description ?? null,
    showcase: component.showcase,
    start_date: component.startDate ?? null,
    group_id: component.groupId ?? null,
    page_id: component.pageId,
    group: false,
    only_show_if_degraded: component.onlyShowIfDegraded,
  };
}

export function serializeGroup(group: ComponentGroup, children: Component[]): ApiComponent {
  const updatedAt = Math.max(group.updatedAt, ...children.map((c) => c.updatedAt));
  return {
    id: group.id,
    name: group.name,
    status: groupStatus(children.map((c) => c.status)),
    created_at: toIso(group.createdAt),
    updated_at: toIso(updatedAt),
    position: group.position,
    description: group.description ?? null,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: group.pageId,
    group: true,
    only_show_if_degraded: false,
    components: children.map((c) => c.id),
  };
}

/** One flat array: top-level rows by position, each group followed by its children. */
export function serializeComponentList(groups: ComponentGroup[], components: Component[]): ApiComponent[] {
  const rows: { position: number; items: ApiComponent[] }[] = [
    ...groups.map((group) => {
      const children = components.filter((c) => c.groupId === group.id).sort((a, b) => a.position - b.position);
      return {
        position: group.position,
        items: [serializeGroup(group, children), ...children.map(serializeComponent)],
      };
    }),
    ...components
      .filter((c) => c.groupId === null)
      .map((c) => ({ position: c.position, items: [serializeComponent(c)] })),
  ];
  return rows.sort((a, b) => a.position - b.position).flatMap((r) => r.items);
}

export function serializeUpdate(update: IncidentBundle["updates"][number]): ApiIncidentUpdate {
  return {
    id: update.id,
    status: apiStatus(update.status),
    body: update.body,
    incident_id: update.incidentId,
    created_at: toIso(update.createdAt),
    updated_at: toIso(update.updatedAt),
    display_at: toIso(update.displayAt),
    affected_components: update.affected.length
      ? update.affected.map((a) => ({
          code: a.componentId,
          name: a.componentName,
          old_status: a.oldStatus,
          new_status: a.newStatus,
        }))
      : null,
    deliver_notifications: update.deliverNotifications,
    custom_tweet: null,
    tweet_id: null,
  };
}

export function serializeIncident(ctx: ApiContext, bundle: IncidentBundle): ApiIncident {
  const { incident } = bundle;
  return {
    id: incident.id,
    name: incident.name,
    status: apiStatus(incident.status),
    created_at: toIso(incident.createdAt),
    updated_at: toIso(incident.updatedAt),
    monitoring_at: toIso(incident.monitoringAt),
    resolved_at: toIso(incident.resolvedAt),
    impact: incident.impact,
    shortlink: `${ctx.baseUrl}/incidents/${incident.id}`,
    started_at: toIso(incident.startedAt),
    page_id: incident.pageId,
    incident_updates: bundle.updates.map(serializeUpdate),
    components: bundle.components.map(serializeComponent),
  };
}

export function serializeMaintenance(ctx: ApiContext, bundle: IncidentBundle): ApiMaintenance {
  return {
    ...serializeIncident(ctx, bundle),
    scheduled_for: toIso(bundle.incident.scheduledFor),
    scheduled_until: toIso(bundle.incident.scheduledUntil),
  };
}

// The webhook bodies of the spec ("Webhook notifications"), built from the shared Statuspage serializers so
// the shapes cannot drift from /api/v2. A payload is built in two steps: the event part once per notification
// (stored with it, so every retry sends the same bytes), then the meta with each subscriber's own
// unsubscribe link.
import type { ComponentStatus } from "@/db/constants";
import type { Db } from "@/db";
import { loadIncidentBundles } from "@/db/queries/public-api";
import { getOverallStatus } from "@/db/queries/status-page";
import type { Component } from "@/db/schema";
import {
  serializeComponent,
  serializeIncident,
  serializeMaintenance,
  type ApiContext,
  type ApiIncident,
} from "@/services/api/statuspage";
import type { PageStatus } from "@/core/status";
import { toIso } from "@/core/time";

export interface WebhookComponent {
  status: ComponentStatus;
  name: string;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  id: string;
  page_id: string;
  group_id: string | null;
}

export interface ComponentUpdate {
  old_status: ComponentStatus;
  new_status: ComponentStatus;
  created_at: string;
  component_type: "Component";
  id: string;
  component_id: string;
}

/** The event part of a component_updated notification, captured when the status changes. */
export interface ComponentChangeEvent {
  component_update: ComponentUpdate;
  component: WebhookComponent;
}

/** The verification request of a new webhook: any 2xx answer activates it. */
export interface PingEvent {
  ping: { message: string };
}

export const PING_MESSAGE =
  "A webhook was registered for this URL on this status page. Answer with any 2xx status within 10 seconds to start receiving events; if you did not register it, ignore this request or use meta.unsubscribe.";

/** The event part of a notification, stored once at fan-out: everything but meta. */
export interface WebhookEvent {
  generated_at: string;
  page: { id: string; status_indicator: PageStatus["indicator"]; status_description: PageStatus["description"] };
  body: ComponentChangeEvent | { incident: ApiIncident } | PingEvent;
}

/** The spec's webhook `component`: the API component object, with the keys the spec lists, in its order. */
export function webhookComponent(component: Component): WebhookComponent {
  const c = serializeComponent(component);
  return {
    status: c.status,
    name: c.name,
    created_at: c.created_at,
    updated_at: c.updated_at,
    position: c.position,
    description: c.description,
    showcase: c.showcase,
    id: c.id,
    page_id: c.page_id,
    group_id: c.group_id,
  };
}

export function componentChangeEvent(
  component: Component,
  change: { id: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; at: number },
): ComponentChangeEvent {
  return {
    component_update: {
      old_status: change.oldStatus,
      new_status: change.newStatus,
      created_at: toIso(change.at),
      component_type: "Component",
      id: change.id,
      component_id: component.id,
    },
    component: webhookComponent(component),
  };
}

/** The full incident (or maintenance) object as /api/v2 shows it, updates newest first. */
export function incidentObject(db: Db, ctx: ApiContext, incidentId: string): ApiIncident | null {
  const [bundle] = loadIncidentBundles(db, ctx.page.id, { ids: [incidentId], order: "created_desc", limit: 1 });
  if (!bundle) return null;
  return bundle.incident.kind === "maintenance" ? serializeMaintenance(ctx, bundle) : serializeIncident(ctx, bundle);
}

export function webhookEvent(db: Db, pageId: string, body: WebhookEvent["body"], now: number): WebhookEvent {
  const status = getOverallStatus(db, pageId);
  return {
    generated_at: toIso(now),
    page: { id: pageId, status_indicator: status.indicator, status_description: status.description },
    body,
  };
}

/** The JSON a subscriber receives: meta first, then page, then the event's own keys (the spec's order). */
export function webhookBody(event: WebhookEvent, links: { unsubscribe: string; documentation: string }): string {
  return JSON.stringify({
    meta: { unsubscribe: links.unsubscribe, documentation: links.documentation, generated_at: event.generated_at },
    page: event.page,
    ...event.body,
  });
}

/** Which header value names the event, for receivers that route on a header. */
export function eventName(event: WebhookEvent): "component_update" | "incident" | "ping" {
  if ("ping" in event.body) return "ping";
  return "component_update" in event.body ? "component_update" : "incident";
}

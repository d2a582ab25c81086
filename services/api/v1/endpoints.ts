// The management API's endpoints. Request bodies are zod schemas (camelCase, times in ISO 8601); responses
// reuse the Statuspage serializers, so an incident reads the same here, in /api/v2 and in webhooks.
import { z } from "zod";
import { COMPONENT_STATUSES, IMPACTS, POSTABLE_INCIDENT_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from "@/db/constants";
import { loadComponentsAndGroups, loadIncidentBundles } from "@/db/queries/public-api";
import { serializeIncident, serializeMaintenance } from "@/services/api/statuspage";
import { managedComponentSchema, serializeManagedComponentList } from "./component-shape";
import { notFound } from "@/core/errors";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import {
  cancelMaintenance,
  postMaintenanceUpdate,
  rescheduleMaintenance,
  scheduleMaintenance,
} from "@/services/incidents/maintenance-verbs";
import {
  addUpdateInput,
  createIncidentInput,
  endAfterStart,
  maintenanceUpdateInput,
  scheduleMaintenanceFields,
} from "@/services/incidents/schemas";
import { ID_PATTERN } from "@/core/ids";
import { multiLine, singleLine } from "@/core/text-input";
import type { Db } from "@/db";
import { componentEndpoints } from "./component-endpoints";
import { ctxOf } from "./context";
import type { Endpoint } from "./handler";
import { integrationEndpoints } from "./integration-endpoints";
import { subscriberEndpoints } from "./subscriber-endpoints";
import { incidentSchema, maintenanceSchema } from "../schemas";

const ONE_INCIDENT = z.strictObject({ incident: incidentSchema });
const ONE_MAINTENANCE = z.strictObject({ scheduled_maintenance: maintenanceSchema });

const isoTime = z.iso
  .datetime({ offset: true, error: "Use an ISO 8601 time, e.g. 2026-06-11T22:00:00Z" })
  .transform((s) => Date.parse(s));
const id = z.string().regex(ID_PATTERN);

function oneIncident(db: Db, incidentId: string, kind: "incident" | "maintenance") {
  const ctx = ctxOf(db);
  if (!ID_PATTERN.test(incidentId)) throw notFound(kind === "incident" ? "Incident" : "Maintenance");
  const [bundle] = loadIncidentBundles(db, ctx.page.id, {
    ids: [incidentId],
    kind,
    order: "created_desc",
    limit: 1,
    audience: ctx.audience,
  });
  if (!bundle) throw notFound(kind === "incident" ? "Incident" : "Maintenance");
  return kind === "incident" ? serializeIncident(ctx, bundle) : serializeMaintenance(ctx, bundle);
}

export const createIncidentBody = createIncidentInput
  .omit({ startedAt: true, resolvedAt: true })
  .extend({ startedAt: isoTime.optional(), resolvedAt: isoTime.optional() });
export const addUpdateBody = addUpdateInput;
export const resolveBody = z.object({
  message: multiLine(z.string().trim().min(1).max(10_000)).default("This incident has been resolved."),
  notify: z.boolean().default(true),
  restoreComponents: z.boolean().default(true),
});
export const scheduleBody = scheduleMaintenanceFields
  .omit({ scheduledFor: true, scheduledUntil: true })
  .extend({ scheduledFor: isoTime, scheduledUntil: isoTime })
  .refine(...endAfterStart);
export const rescheduleBody = z
  .object({
    scheduledFor: isoTime,
    scheduledUntil: isoTime,
    message: multiLine(z.string().trim().min(1).max(10_000)).optional(),
    notify: z.boolean().default(true),
  })
  .refine(...endAfterStart);
export const maintenanceUpdateBody = maintenanceUpdateInput;
export const cancelBody = z.object({
  message: multiLine(z.string().trim().max(10_000)).optional(),
  notify: z.boolean().default(true),
});
/** Atlassian Statuspage's manage-API body for creating an incident, so existing scripts work unchanged. */
export const statuspageIncidentBody = z.object({
  incident: z.object({
    name: singleLine(z.string()),
    status: z.enum(POSTABLE_INCIDENT_STATUSES).default("investigating"),
    body: multiLine(z.string()).default(""),
    component_ids: z.array(id).default([]),
    components: z.record(id, z.enum(COMPONENT_STATUSES)).default({}),
    impact_override: z.enum(IMPACTS).nullable().optional(),
    deliver_notifications: z.boolean().default(true),
  }),
});

const listQuery = (url: URL) => {
  const limit = Math.min(Math.max(Number(url.searchParams.get("limit") ?? 50) || 50, 1), 100);
  return { limit, open: url.searchParams.get("status") === "open" };
};

export const endpoints = {
  listComponents: {
    method: "GET",
    path: "/api/v1/components",
    summary: "List services and groups in page order",
    role: "read",
    responds: {
      status: 200,
      description:
        "The components, in the Statuspage shape, each service with its availability_target and show_response_time",
      schema: z.strictObject({ components: z.array(managedComponentSchema) }),
    },
    run: ({ db }) => {
      const ctx = ctxOf(db);
      const { groups, components } = loadComponentsAndGroups(db, ctx.page.id, ctx.audience);
      return { components: serializeManagedComponentList(groups, components) };
    },
  } satisfies Endpoint<undefined>,
  listIncidents: {
    method: "GET",
    path: "/api/v1/incidents",
    summary: "List incidents, newest first (?status=open for unresolved only, ?limit up to 100)",
    role: "read",
    responds: {
      status: 200,
      description: "The incidents",
      schema: z.strictObject({ incidents: z.array(incidentSchema) }),
    },
    run: ({ db, url }) => {
      const ctx = ctxOf(db);
      const q = listQuery(url);
      const statuses = q.open ? UNRESOLVED_INCIDENT_STATUSES : undefined;
      return {
        incidents: loadIncidentBundles(db, ctx.page.id, {
          kind: "incident",
          statuses,
          order: "created_desc",
          limit: q.limit,
          audience: ctx.audience,
        }).map((b) => serializeIncident(ctx, b)),
      };
    },
  } satisfies Endpoint<undefined>,
  createIncident: {
    method: "POST",
    path: "/api/v1/incidents",
    summary:
      "Declare an incident, optionally setting services' statuses; a past startedAt records a backfill, which when declared resolved also needs resolvedAt",
    role: "editor",
    body: createIncidentBody,
    responds: { status: 201, description: "The new incident", schema: ONE_INCIDENT },
    run: ({ db, actor, body }) => ({ incident: oneIncident(db, createIncident(db, actor, body).id, "incident") }),
  } satisfies Endpoint<typeof createIncidentBody>,
  getIncident: {
    method: "GET",
    path: "/api/v1/incidents/{id}",
    summary: "One incident with its updates",
    role: "read",
    responds: { status: 200, description: "The incident", schema: ONE_INCIDENT },
    run: ({ db, params }) => ({ incident: oneIncident(db, params.id, "incident") }),
  } satisfies Endpoint<undefined>,
  addIncidentUpdate: {
    method: "POST",
    path: "/api/v1/incidents/{id}/updates",
    summary: "Post an update (status, message, services' statuses); reopen: true to post on a resolved incident",
    role: "editor",
    body: addUpdateBody,
    responds: { status: 201, description: "The incident with the new update first", schema: ONE_INCIDENT },
    run: ({ db, actor, params, body }) => {
      addIncidentUpdate(db, actor, params.id, body);
      return { incident: oneIncident(db, params.id, "incident") };
    },
  } satisfies Endpoint<typeof addUpdateBody>,
  resolveIncident: {
    method: "POST",
    path: "/api/v1/incidents/{id}/resolve",
    summary: "Resolve an incident, by default setting its services back to operational",
    role: "editor",
    body: resolveBody,
    responds: { status: 200, description: "The resolved incident", schema: ONE_INCIDENT },
    run: ({ db, actor, params, body }) => {
      addIncidentUpdate(db, actor, params.id, { status: "resolved", ...body });
      return { incident: oneIncident(db, params.id, "incident") };
    },
  } satisfies Endpoint<typeof resolveBody>,
  scheduleMaintenance: {
    method: "POST",
    path: "/api/v1/maintenances",
    summary: "Schedule a maintenance window",
    role: "editor",
    body: scheduleBody,
    responds: { status: 201, description: "The new maintenance", schema: ONE_MAINTENANCE },
    run: ({ db, actor, body }) => ({
      scheduled_maintenance: oneIncident(db, scheduleMaintenance(db, actor, body).id, "maintenance"),
    }),
  } satisfies Endpoint<typeof scheduleBody>,
  getMaintenance: {
    method: "GET",
    path: "/api/v1/maintenances/{id}",
    summary: "One maintenance with its updates",
    role: "read",
    responds: { status: 200, description: "The maintenance", schema: ONE_MAINTENANCE },
    run: ({ db, params }) => ({ scheduled_maintenance: oneIncident(db, params.id, "maintenance") }),
  } satisfies Endpoint<undefined>,
  rescheduleMaintenance: {
    method: "PATCH",
    path: "/api/v1/maintenances/{id}",
    summary: "Move a maintenance window (only its end once it has started)",
    role: "editor",
    body: rescheduleBody,
    responds: { status: 200, description: "The rescheduled maintenance", schema: ONE_MAINTENANCE },
    run: ({ db, actor, params, body }) => {
      rescheduleMaintenance(db, actor, params.id, body);
      return { scheduled_maintenance: oneIncident(db, params.id, "maintenance") };
    },
  } satisfies Endpoint<typeof rescheduleBody>,
  postMaintenanceUpdate: {
    method: "POST",
    path: "/api/v1/maintenances/{id}/updates",
    summary: "Start, verify or complete a maintenance, or post an update in its current status",
    role: "editor",
    body: maintenanceUpdateBody,
    responds: { status: 201, description: "The maintenance", schema: ONE_MAINTENANCE },
    run: ({ db, actor, params, body }) => {
      postMaintenanceUpdate(db, actor, params.id, body);
      return { scheduled_maintenance: oneIncident(db, params.id, "maintenance") };
    },
  } satisfies Endpoint<typeof maintenanceUpdateBody>,
  cancelMaintenance: {
    method: "POST",
    path: "/api/v1/maintenances/{id}/cancel",
    summary: "Cancel a maintenance (it stays visible as cancelled)",
    role: "editor",
    body: cancelBody,
    responds: { status: 200, description: "The cancelled maintenance", schema: ONE_MAINTENANCE },
    run: ({ db, actor, params, body }) => {
      cancelMaintenance(db, actor, params.id, body);
      return { scheduled_maintenance: oneIncident(db, params.id, "maintenance") };
    },
  } satisfies Endpoint<typeof cancelBody>,
  statuspageCreateIncident: {
    method: "POST",
    path: "/api/v1/pages/{pageId}/incidents",
    summary: "Statuspage-compatible incident creation (Authorization: OAuth <key> works too)",
    role: "editor",
    body: statuspageIncidentBody,
    responds: { status: 201, description: "The new incident, in the Statuspage shape", schema: incidentSchema },
    run: ({ db, actor, params, body }) => {
      const ctx = ctxOf(db);
      if (params.pageId !== ctx.page.id) throw notFound("Page");
      const i = body.incident;
      const componentStatuses = {
        ...Object.fromEntries(i.component_ids.map((c) => [c, "operational" as const])),
        ...i.components,
      };
      const { id: incidentId } = createIncident(db, actor, {
        name: i.name,
        status: i.status,
        message: i.body || "We are investigating.",
        componentStatuses,
        impactOverride: i.impact_override ?? null,
        notify: i.deliver_notifications,
      });
      return oneIncident(db, incidentId, "incident");
    },
  } satisfies Endpoint<typeof statuspageIncidentBody>,

  // ---- services (components) and groups: see component-endpoints.ts
  ...componentEndpoints,

  // ---- Subscribers (list, add, remove): defined in subscriber-endpoints.ts.
  ...subscriberEndpoints,

  // ---- Alert integrations: defined in integration-endpoints.ts.
  ...integrationEndpoints,
};

// Strict schemas of the Statuspage v2 objects, written from shared/specs/statuspage-v2.md: every key present,
// types and enums. The contract tests check every response against them and the OpenAPI document of the
// management API is generated from them.
import { COMPONENT_STATUSES, INCIDENT_STATUSES, POSTABLE_MAINTENANCE_STATUSES } from "@/db/constants";
import { z } from "zod";
import type { V2Endpoint } from "./v2";

const isoMs = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const id = z.string().regex(/^[0-9a-z]{12}$/);
const componentStatus = z.enum(COMPONENT_STATUSES);

export const pageSchema = z.strictObject({
  id,
  name: z.string(),
  url: z.url(),
  time_zone: z.string().min(1),
  updated_at: isoMs,
});
const componentBase = {
  id,
  name: z.string(),
  status: componentStatus,
  created_at: isoMs,
  updated_at: isoMs,
  position: z.number().int().min(1),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  group_id: id.nullable(),
  page_id: id,
  only_show_if_degraded: z.boolean(),
};
export const componentSchema = z.union([
  z.strictObject({ ...componentBase, group: z.literal(false) }),
  z.strictObject({ ...componentBase, group: z.literal(true), group_id: z.null(), components: z.array(id) }),
]);
export const updateSchema = z.strictObject({
  id,
  status: z.enum([...INCIDENT_STATUSES, ...POSTABLE_MAINTENANCE_STATUSES]),
  body: z.string(),
  incident_id: id,
  created_at: isoMs,
  updated_at: isoMs,
  display_at: isoMs,
  affected_components: z
    .array(z.strictObject({ code: id, name: z.string(), old_status: componentStatus, new_status: componentStatus }))
    .nullable(),
  deliver_notifications: z.boolean(),
  custom_tweet: z.null(),
  tweet_id: z.null(),
});
const incidentBase = {
  id,
  name: z.string(),
  created_at: isoMs,
  updated_at: isoMs,
  monitoring_at: isoMs.nullable(),
  resolved_at: isoMs.nullable(),
  shortlink: z.url(),
  started_at: isoMs,
  page_id: id,
  incident_updates: z.array(updateSchema),
  components: z.array(componentSchema),
};
export const incidentSchema = z.strictObject({
  ...incidentBase,
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(["none", "minor", "major", "critical"]),
});
export const maintenanceSchema = z.strictObject({
  ...incidentBase,
  status: z.enum(POSTABLE_MAINTENANCE_STATUSES),
  impact: z.literal("maintenance"),
  scheduled_for: isoMs,
  scheduled_until: isoMs,
});
export const statusSchema = z.strictObject({
  indicator: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  description: z.enum([
    "All Systems Operational",
    "Minor Service Outage",
    "Partial System Outage",
    "Major System Outage",
    "Partially Degraded Service",
    "Degraded System Service",
    "Service Under Maintenance",
  ]),
});

export const V2_SCHEMAS: Record<V2Endpoint, z.ZodType> = {
  "summary.json": z.strictObject({
    page: pageSchema,
    components: z.array(componentSchema),
    incidents: z.array(incidentSchema),
    scheduled_maintenances: z.array(maintenanceSchema),
    status: statusSchema,
  }),
  "status.json": z.strictObject({ page: pageSchema, status: statusSchema }),
  "components.json": z.strictObject({ page: pageSchema, components: z.array(componentSchema) }),
  "incidents.json": z.strictObject({ page: pageSchema, incidents: z.array(incidentSchema) }),
  "incidents/unresolved.json": z.strictObject({ page: pageSchema, incidents: z.array(incidentSchema) }),
  "scheduled-maintenances.json": z.strictObject({
    page: pageSchema,
    scheduled_maintenances: z.array(maintenanceSchema),
  }),
  "scheduled-maintenances/upcoming.json": z.strictObject({
    page: pageSchema,
    scheduled_maintenances: z.array(maintenanceSchema),
  }),
  "scheduled-maintenances/active.json": z.strictObject({
    page: pageSchema,
    scheduled_maintenances: z.array(maintenanceSchema),
  }),
};

// Webhook payloads (the spec's "Webhook notifications"): the same meta and page, then either the
// component_update with its component, or the incident (a maintenance is sent under "incident" too).
const webhookMeta = z.strictObject({ unsubscribe: z.url(), documentation: z.url(), generated_at: isoMs });
const webhookPage = z.strictObject({
  id,
  status_indicator: statusSchema.shape.indicator,
  status_description: statusSchema.shape.description,
});
export const webhookComponentSchema = z.strictObject({
  status: componentStatus,
  name: z.string(),
  created_at: isoMs,
  updated_at: isoMs,
  position: z.number().int().min(1),
  description: z.string().nullable(),
  showcase: z.boolean(),
  id,
  page_id: id,
  group_id: id.nullable(),
});
export const componentUpdatePayloadSchema = z.strictObject({
  meta: webhookMeta,
  page: webhookPage,
  component_update: z.strictObject({
    old_status: componentStatus,
    new_status: componentStatus,
    created_at: isoMs,
    component_type: z.literal("Component"),
    id,
    component_id: id,
  }),
  component: webhookComponentSchema,
});
export const incidentPayloadSchema = z.strictObject({
  meta: webhookMeta,
  page: webhookPage,
  incident: z.union([incidentSchema, maintenanceSchema]),
});

// Input schemas of the incident and maintenance verbs, shared by the console's actions and the API.
import { z } from "zod";
import {
  COMPONENT_STATUSES,
  IMPACTS,
  LIMITS,
  POSTABLE_INCIDENT_STATUSES,
  POSTABLE_MAINTENANCE_STATUSES,
} from "@/db/constants";
import { DomainError } from "@/core/errors";
import { ID_PATTERN } from "@/core/ids";
import { multiLine, singleLine } from "@/core/text-input";

const name = singleLine(
  z
    .string({ error: "Enter a name" })
    .trim()
    .min(1, { error: "Enter a name" })
    .max(LIMITS.name, { error: `Use at most ${LIMITS.name} characters` }),
);
const message = multiLine(
  z
    .string({ error: "Write a message" })
    .trim()
    .min(1, { error: "Write a message" })
    .max(LIMITS.message, { error: `Use at most ${LIMITS.message.toLocaleString("en-US")} characters` }),
);
const componentId = z.string().regex(ID_PATTERN, { error: "Not a service id" });
const componentStatuses = z
  .record(componentId, z.enum(COMPONENT_STATUSES, { error: "Not a service status" }))
  .refine((v) => Object.keys(v).length <= 200, { error: "At most 200 services per update" })
  .default({});
const time = z.number({ error: "Give a time" }).int().positive();

export const MAX_POSTMORTEM = 50_000;

export const createIncidentInput = z.object({
  name,
  status: z.enum(POSTABLE_INCIDENT_STATUSES).default("investigating"),
  message,
  componentStatuses,
  impactOverride: z.enum(IMPACTS).nullable().default(null),
  notify: z.boolean().default(true),
  /** A start in the past records an incident found after the fact; it never notifies. */
  startedAt: time.optional(),
  /** When an incident declared as resolved ended; required for a backfilled one (after the start, not in the future). */
  resolvedAt: time.optional(),
});
export type CreateIncidentInput = z.input<typeof createIncidentInput>;

export const addUpdateInput = z.object({
  status: z.enum(POSTABLE_INCIDENT_STATUSES),
  message,
  componentStatuses,
  notify: z.boolean().default(true),
  /** Required to post on a resolved incident: reopening is said out loud. */
  reopen: z.boolean().default(false),
  /** When resolving: set the affected services back to operational (those not given explicitly). */
  restoreComponents: z.boolean().default(true),
});
export type AddUpdateInput = z.input<typeof addUpdateInput>;

export const editUpdateInput = z.object({ message });
export const postmortemInput = z.object({
  body: multiLine(
    z
      .string()
      .trim()
      .min(1, { error: "Write the postmortem" })
      .max(MAX_POSTMORTEM, { error: `Use at most ${MAX_POSTMORTEM.toLocaleString("en-US")} characters` }),
  ),
});

const window = {
  scheduledFor: time,
  scheduledUntil: time,
};

/** The fields, without the cross-field check, so the API can swap in ISO time strings. */
export const scheduleMaintenanceFields = z.object({
  name,
  message,
  ...window,
  componentIds: z.array(componentId).max(200, { error: "At most 200 services" }).default([]),
  notify: z.boolean().default(true),
  remindBeforeMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60, { error: "At most a week ahead" })
    .nullable()
    .default(60),
  autoStart: z.boolean().default(true),
  autoComplete: z.boolean().default(true),
  setComponentsUnderMaintenance: z.boolean().default(true),
  /** Record a window that already ended, without notifications. */
  backfill: z.boolean().default(false),
});
export const endAfterStart: [
  (v: { scheduledFor: number; scheduledUntil: number }) => boolean,
  { path: string[]; error: string },
] = [(v) => v.scheduledUntil > v.scheduledFor, { path: ["scheduledUntil"], error: "The end must be after the start" }];
export const scheduleMaintenanceInput = scheduleMaintenanceFields.refine(...endAfterStart);
export type ScheduleMaintenanceInput = z.input<typeof scheduleMaintenanceInput>;

export const rescheduleInput = z
  .object({ ...window, message: message.optional(), notify: z.boolean().default(true) })
  .refine(...endAfterStart);

export const cancelInput = z.object({
  message: multiLine(
    z
      .string()
      .trim()
      .max(LIMITS.message, { error: `Use at most ${LIMITS.message.toLocaleString("en-US")} characters` }),
  ).optional(),
  notify: z.boolean().default(true),
});

export const maintenanceUpdateInput = z.object({
  status: z.enum(POSTABLE_MAINTENANCE_STATUSES),
  message: message.optional(),
  notify: z.boolean().default(true),
});

/** Parses verb input; a failure becomes a DomainError with one message per field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const flat = z.flattenError(result.error);
  const fields: Record<string, string> = {};
  for (const [key, messages] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>)) {
    if (messages?.[0]) fields[key] = messages[0];
  }
  const first = Object.values(fields)[0] ?? flat.formErrors[0] ?? "The input is not valid";
  if (flat.formErrors[0] && !fields._form) fields._form = flat.formErrors[0];
  throw new DomainError("invalid", first, fields);
}

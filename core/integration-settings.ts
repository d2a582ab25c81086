// An integration's settings, as the console, the API and YAML give them: one zod schema for all (pure: the core).
// Matchers send an alert to a service when its own `service` label does not name one; the severity map says
// what status a firing alert claims (by its `severity` label), with a default for anything not listed.
import { z } from "zod";
import { COMPONENT_STATUSES, INCIDENT_MODES, INTEGRATION_KINDS, LIMITS, type ComponentStatus } from "@/db/constants";
import { ID_PATTERN } from "@/core/ids";
import { singleLine } from "@/core/text-input";

/** The issue's default: critical -> major outage, warning -> degraded performance, anything else partial. */
export const DEFAULT_SEVERITY_MAP: Record<string, ComponentStatus> = {
  critical: "major_outage",
  warning: "degraded_performance",
};
export const DEFAULT_STATUS: ComponentStatus = "partial_outage";

const FAILURE_STATUSES = COMPONENT_STATUSES.filter((s) => s !== "operational" && s !== "under_maintenance") as [
  ComponentStatus,
  ...ComponentStatus[],
];
const status = z.enum(FAILURE_STATUSES, { error: `Use one of: ${FAILURE_STATUSES.join(", ")}` });
const label = singleLine(
  z
    .string({ error: "Give a label name" })
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, { error: "A label name is letters, digits and _ (as in Prometheus)" }),
);
const labelValue = singleLine(
  z
    .string({ error: "Give a value" })
    .trim()
    .min(1, { error: "Give a value" })
    .max(200, { error: "Use at most 200 characters" }),
);

export const matcherInput = z.strictObject({
  label,
  value: labelValue,
  componentId: z.string().regex(ID_PATTERN, { error: "Not a service id" }),
});

export const integrationFields = {
  name: singleLine(
    z
      .string({ error: "Give a name" })
      .trim()
      .min(1, { error: "Give a name" })
      .max(LIMITS.name, { error: `Use at most ${LIMITS.name} characters` }),
  ),
  kind: z.enum(INTEGRATION_KINDS, { error: `Choose a kind: ${INTEGRATION_KINDS.join(", ")}` }),
  matchers: z.array(matcherInput).max(50, { error: "At most 50 matcher rules" }),
  severityMap: z
    .record(
      singleLine(
        z
          .string()
          .trim()
          .min(1)
          .max(50)
          .transform((s) => s.toLowerCase()),
      ),
      status,
    )
    .refine((m) => Object.keys(m).length <= 20, { error: "At most 20 severities" }),
  defaultStatus: status,
  incidentMode: z.enum(INCIDENT_MODES, { error: `Use one of: ${INCIDENT_MODES.join(", ")}` }),
  templateId: z.string().regex(ID_PATTERN, { error: "Not a template id" }).nullable(),
};

const needsTemplate = (m: { incidentMode?: string; templateId?: string | null }, ctx: z.RefinementCtx) => {
  if (m.incidentMode === "published" && !m.templateId)
    ctx.addIssue({
      code: "custom",
      path: ["templateId"],
      message: "Choose the template the incident is published from",
    });
};

export const integrationInput = z
  .strictObject({
    name: integrationFields.name,
    kind: integrationFields.kind,
    matchers: integrationFields.matchers.default([]),
    severityMap: integrationFields.severityMap.default(DEFAULT_SEVERITY_MAP),
    defaultStatus: integrationFields.defaultStatus.default(DEFAULT_STATUS),
    incidentMode: integrationFields.incidentMode.default("status_only"),
    templateId: integrationFields.templateId.default(null),
  })
  .superRefine(needsTemplate);

/** A change: any fields, the kind excepted (a payload format is the integration's identity). */
export const integrationChanges = z
  .strictObject({
    name: integrationFields.name.optional(),
    matchers: integrationFields.matchers.optional(),
    severityMap: integrationFields.severityMap.optional(),
    defaultStatus: integrationFields.defaultStatus.optional(),
    incidentMode: integrationFields.incidentMode.optional(),
    templateId: integrationFields.templateId.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "Send at least one field to change" });

export type IntegrationSettings = z.output<typeof integrationInput>;
export type IntegrationChanges = z.output<typeof integrationChanges>;

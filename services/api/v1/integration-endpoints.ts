// The management API's alert integrations: the console's own verbs (services/integrations/verbs.ts), so both share
// one set of rules and audit entries. The secret is returned once, at creation or rotation, inside the
// intake URL; afterwards only its hash exists.
import { z } from "zod";
import type { Db } from "@/db";
import { COMPONENT_STATUSES, INCIDENT_MODES, INTEGRATION_KINDS, PAYLOAD_OUTCOMES } from "@/db/constants";
import { findIntegration, firingAlerts, listIntegrations, recentPayloads } from "@/db/queries/integrations";
import type { Integration } from "@/db/schema";
import { getConfig } from "@/core/config";
import { notFound } from "@/core/errors";
import { ID_PATTERN } from "@/core/ids";
import { integrationChanges, integrationInput } from "@/core/integration-settings";
import {
  createIntegration,
  deleteIntegration,
  intakeUrl,
  rotateIntegrationSecret,
  updateIntegration,
} from "@/services/integrations/verbs";
import { ctxOf } from "./context";
import type { Endpoint } from "./handler";

const iso = z.string().describe("ISO 8601 time");
const integrationShape = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(INTEGRATION_KINDS),
  matchers: z.array(z.strictObject({ label: z.string(), value: z.string(), componentId: z.string() })),
  severityMap: z.record(z.string(), z.enum(COMPONENT_STATUSES)),
  defaultStatus: z.enum(COMPONENT_STATUSES),
  incidentMode: z.enum(INCIDENT_MODES),
  templateId: z.string().nullable(),
  firingAlerts: z.number().int().describe("Alerts firing now (open claims)"),
  lastReceivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
const payloadShape = z.strictObject({
  at: iso,
  outcome: z.enum(PAYLOAD_OUTCOMES),
  summary: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
const ONE = z.strictObject({ integration: integrationShape });
const WITH_SECRET = z.strictObject({
  integration: integrationShape,
  secret: z.string().describe("Shown once: only its hash is stored"),
  intakeUrl: z
    .string()
    .describe(
      "POST payloads here (it carries the secret), or to /api/integrations/{id} with Authorization: Bearer <secret>",
    ),
});

const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function serialize(db: Db, i: Integration): z.output<typeof integrationShape> {
  return {
    id: i.id,
    name: i.name,
    kind: i.kind,
    matchers: i.matchers,
    severityMap: i.severityMap,
    defaultStatus: i.defaultStatus,
    incidentMode: i.incidentMode,
    templateId: i.templateId,
    firingAlerts: firingAlerts(db, i.id).length,
    lastReceivedAt: isoOf(i.lastReceivedAt),
    createdAt: isoOf(i.createdAt)!,
    updatedAt: isoOf(i.updatedAt)!,
  };
}

function one(db: Db, id: string): Integration {
  const found = ID_PATTERN.test(id) ? findIntegration(db, id) : undefined;
  if (!found || found.pageId !== ctxOf(db).page.id) throw notFound("Integration");
  return found;
}

const withSecret = (db: Db, id: string, secret: string) => ({
  integration: serialize(db, one(db, id)),
  secret,
  intakeUrl: intakeUrl(getConfig().publicUrl, id, secret),
});

export const integrationEndpoints = {
  listIntegrations: {
    method: "GET",
    path: "/api/v1/integrations",
    summary: "List alert integrations (Alertmanager, Grafana, generic JSON)",
    role: "read",
    responds: {
      status: 200,
      description: "The integrations, by name",
      schema: z.strictObject({ integrations: z.array(integrationShape) }),
    },
    run: ({ db }) => ({ integrations: listIntegrations(db, ctxOf(db).page.id).map((i) => serialize(db, i)) }),
  } satisfies Endpoint<undefined>,
  createIntegration: {
    method: "POST",
    path: "/api/v1/integrations",
    summary: "Add an alert integration; the answer carries its secret and intake URL, shown this once",
    role: "admin",
    body: integrationInput,
    responds: { status: 201, description: "The new integration, its secret and intake URL", schema: WITH_SECRET },
    run: ({ db, actor, body }) => {
      const { id, secret } = createIntegration(db, actor, body);
      return withSecret(db, id, secret);
    },
  } satisfies Endpoint<typeof integrationInput>,
  getIntegration: {
    method: "GET",
    path: "/api/v1/integrations/{id}",
    summary: "One integration with its last payloads (at most 100) and what each did",
    role: "read",
    responds: { status: 200, description: "The integration", schema: ONE.extend({ payloads: z.array(payloadShape) }) },
    run: ({ db, params }) => {
      const i = one(db, params.id);
      return {
        integration: serialize(db, i),
        payloads: recentPayloads(db, i.id).map((p) => ({
          at: isoOf(p.at)!,
          outcome: p.outcome,
          summary: p.summary,
          detail: p.detail,
        })),
      };
    },
  } satisfies Endpoint<undefined>,
  updateIntegration: {
    method: "PATCH",
    path: "/api/v1/integrations/{id}",
    summary: "Change an integration's name, matcher rules, severity map or incident mode (its kind cannot change)",
    role: "admin",
    body: integrationChanges,
    responds: { status: 200, description: "The integration as it is now", schema: ONE },
    run: ({ db, actor, params, body }) => {
      updateIntegration(db, actor, one(db, params.id).id, body);
      return { integration: serialize(db, one(db, params.id)) };
    },
  } satisfies Endpoint<typeof integrationChanges>,
  rotateIntegrationSecret: {
    method: "POST",
    path: "/api/v1/integrations/{id}/secret",
    summary: "Replace the secret: the old intake URL stops working at once",
    role: "admin",
    responds: { status: 200, description: "The new secret and intake URL, shown this once", schema: WITH_SECRET },
    run: ({ db, actor, params }) => {
      const id = one(db, params.id).id;
      return withSecret(db, id, rotateIntegrationSecret(db, actor, id));
    },
  } satisfies Endpoint<undefined>,
  deleteIntegration: {
    method: "DELETE",
    path: "/api/v1/integrations/{id}",
    summary: "Delete an integration: its firing alerts end and its services' statuses follow",
    role: "admin",
    responds: { status: 204, description: "Deleted" },
    run: ({ db, actor, params }) => deleteIntegration(db, actor, one(db, params.id).id),
  } satisfies Endpoint<undefined>,
};

// Incident templates: saved texts (name, title, body, status and preset services) an admin starts an incident
// from. A new installation gets a few defaults, one per stage of an incident.
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { COMPONENT_STATUSES, LIMITS, POSTABLE_INCIDENT_STATUSES } from "@/db/constants";
import { liveComponentIds } from "@/db/queries/lifecycle";
import { getPage } from "@/db/queries/status-page";
import { countTemplates, findTemplate } from "@/db/queries/templates";
import { insertAuditEntry } from "@/db/writes/audit";
import { readAppState, writeAppState } from "@/db/writes/page";
import {
  deleteTemplate as removeTemplate,
  insertTemplate,
  updateTemplate as writeTemplate,
  type TemplateFields,
} from "@/db/writes/templates";
import { assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid, notFound } from "@/core/errors";
import { ID_PATTERN } from "@/core/ids";
import { multiLine, singleLine } from "@/core/text-input";
import { parseInput } from "./schemas";

/** A page keeps at most this many templates: the picker stays usable. */
export const MAX_TEMPLATES = 100;

const text = (what: string, max: number, lines: typeof singleLine = singleLine) =>
  lines(
    z
      .string({ error: `Enter ${what}` })
      .trim()
      .min(1, { error: `Enter ${what}` })
      .max(max, { error: `Use at most ${max.toLocaleString("en-US")} characters` }),
  );

export const templateInput = z.object({
  name: text("a name", LIMITS.name),
  title: text("the incident title", LIMITS.name),
  body: text("the message", LIMITS.message, multiLine),
  status: z.enum(POSTABLE_INCIDENT_STATUSES, { error: "Choose a status from the list" }).default("investigating"),
  componentIds: z
    .array(z.string().regex(ID_PATTERN, { error: "Not a service id" }))
    .max(200, { error: "At most 200 services" })
    .default([]),
  componentStatus: z
    .enum(COMPONENT_STATUSES, { error: "Choose a service status from the list" })
    .default("partial_outage"),
});
export type TemplateInput = z.input<typeof templateInput>;

export const DEFAULT_TEMPLATES: readonly Omit<TemplateFields, "componentIds">[] = [
  {
    name: "Investigating a problem",
    title: "We are investigating a problem",
    body: "We are aware of a problem and are investigating it. We will post an update within 30 minutes, or sooner when we know more.",
    status: "investigating",
    componentStatus: "partial_outage",
  },
  {
    name: "Cause identified",
    title: "Cause identified, fix in progress",
    body: "We have identified the cause of the problem and are working on a fix. We will post an update within 30 minutes.",
    status: "identified",
    componentStatus: "partial_outage",
  },
  {
    name: "Fix applied, monitoring",
    title: "Fix applied, monitoring the results",
    body: "A fix has been applied and the service is recovering. We are monitoring the results and will confirm when everything is back to normal.",
    status: "monitoring",
    componentStatus: "degraded_performance",
  },
  {
    name: "Resolved",
    title: "Problem resolved",
    body: "This problem has been resolved and the service is working normally again. Thank you for your patience.",
    status: "resolved",
    componentStatus: "operational",
  },
];

const DEFAULTS_KEY = "default_incident_templates";

/** Adds the default templates once per installation (deleting them later does not bring them back). */
export function ensureDefaultTemplates(tx: Tx, pageId: string, now: number): boolean {
  if (readAppState(tx, DEFAULTS_KEY)) return false;
  for (const t of DEFAULT_TEMPLATES) insertTemplate(tx, pageId, { ...t, componentIds: [] }, now);
  writeAppState(tx, DEFAULTS_KEY, "1", now);
  return true;
}

function validated(tx: Tx, pageId: string, raw: TemplateInput): TemplateFields {
  const input = parseInput(templateInput, raw);
  const componentIds = [...new Set(input.componentIds)];
  const live = liveComponentIds(tx, pageId, componentIds);
  const missing = componentIds.filter((id) => !live.has(id));
  if (missing.length) throw invalid("componentIds", `Unknown or deleted service: ${missing.join(", ")}`);
  return { ...input, componentIds };
}

function requirePageId(tx: Tx): string {
  const page = getPage(tx);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  return page.id;
}

export function createTemplate(db: Db, actor: Actor, raw: TemplateInput, now = Date.now()): string {
  assertCan(actor, "incidents.write");
  return db.transaction(
    (tx) => {
      const pageId = requirePageId(tx);
      const fields = validated(tx, pageId, raw);
      if (countTemplates(tx, pageId) >= MAX_TEMPLATES)
        throw new DomainError("conflict", `A page can have at most ${MAX_TEMPLATES} templates; delete one first`);
      const id = insertTemplate(tx, pageId, fields, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "template.create",
        targetType: "template",
        targetId: id,
        detail: { name: fields.name },
      });
      return id;
    },
    { behavior: "immediate" },
  );
}

export function updateTemplate(db: Db, actor: Actor, id: string, raw: TemplateInput, now = Date.now()): void {
  assertCan(actor, "incidents.write");
  db.transaction(
    (tx) => {
      const pageId = requirePageId(tx);
      if (!findTemplate(tx, pageId, id)) throw notFound("Template");
      const fields = validated(tx, pageId, raw);
      writeTemplate(tx, pageId, id, fields, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "template.update",
        targetType: "template",
        targetId: id,
        detail: { name: fields.name },
      });
    },
    { behavior: "immediate" },
  );
}

export function deleteTemplate(db: Db, actor: Actor, id: string, now = Date.now()): void {
  assertCan(actor, "incidents.write");
  db.transaction(
    (tx) => {
      const pageId = requirePageId(tx);
      const template = findTemplate(tx, pageId, id);
      if (!template || !removeTemplate(tx, pageId, id)) throw notFound("Template");
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "template.delete",
        targetType: "template",
        targetId: id,
        detail: { name: template.name },
      });
    },
    { behavior: "immediate" },
  );
}

/** The declare form's starting values from a template; services deleted since are left out. */
export function declarationFromTemplate(tx: Tx, pageId: string, id: string) {
  const template = findTemplate(tx, pageId, id);
  if (!template) return null;
  const live = liveComponentIds(tx, pageId, template.componentIds);
  const componentStatuses: Record<string, string> = {};
  for (const c of template.componentIds) if (live.has(c)) componentStatuses[c] = template.componentStatus;
  return {
    templateName: template.name,
    name: template.title,
    status: template.status,
    message: template.body,
    componentStatuses,
  };
}

// What an import reads, in one shape whatever it came from (the v1 management API or a public /api/v2):
// Statuspage's objects parsed leniently. Unknown fields are ignored; a missing optional field takes
// Statuspage's default; an object missing what identifies it (id, name) is skipped with the reason.
import { z } from "zod";
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "@/db/constants";
import type { AnyIncidentStatus, IncidentKind } from "@/db/constants";
import type {
  Skip,
  SourceComponent,
  SourceGroup,
  SourceIncident,
  SourcePage,
  SourceSubscriber,
  SourceTemplate,
  SourceUpdate,
} from "./source-types";

export type {
  Skip,
  SourceAffected,
  SourceComponent,
  SourceData,
  SourceGroup,
  SourceIncident,
  SourcePage,
  SourceSubscriber,
  SourceTemplate,
  SourceUpdate,
} from "./source-types";

const str = z.string();
const optStr = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const time = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "not a date")
  .transform((v) => Date.parse(v));
const optTime = time.nullish().transform((v) => v ?? null);
const status = z.enum(COMPONENT_STATUSES).catch("operational");
const bool = (fallback: boolean) =>
  z
    .boolean()
    .nullish()
    .transform((v) => v ?? fallback);

const componentSchema = z.object({
  id: str,
  name: str,
  description: optStr,
  group_id: optStr,
  group: bool(false),
  position: z.number().int().nullish(),
  showcase: bool(true),
  only_show_if_degraded: bool(false),
  start_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish()
    .catch(null),
  status: status.nullish().transform((v) => v ?? "operational"),
  components: z.array(str).nullish(),
  created_at: optTime,
  updated_at: optTime,
});
const groupSchema = z.object({
  id: str,
  name: str,
  description: optStr,
  position: z.number().int().nullish(),
  components: z.array(str).nullish(),
});
const affectedSchema = z.object({
  code: str,
  name: z.string().nullish(),
  old_status: status.nullish().transform((v) => v ?? "operational"),
  new_status: status,
});
const updateSchema = z.object({
  id: str,
  status: str,
  body: z.string().nullish(),
  display_at: optTime,
  created_at: optTime,
  deliver_notifications: bool(true),
  affected_components: z.array(affectedSchema).nullish(),
});
const incidentSchema = z.object({
  id: str,
  name: str,
  status: str,
  impact: z.enum([...IMPACTS, "maintenance"]).catch("none"),
  impact_override: z.enum(IMPACTS).nullish().catch(null),
  created_at: time,
  updated_at: optTime,
  started_at: optTime,
  scheduled_for: optTime,
  scheduled_until: optTime,
  scheduled_remind_prior: bool(false),
  scheduled_auto_in_progress: bool(false),
  scheduled_auto_completed: bool(false),
  postmortem_body: optStr,
  postmortem_published_at: optTime,
  backfilled: bool(false),
  incident_updates: z.array(z.unknown()).nullish(),
  components: z.array(z.object({ id: str }).loose()).nullish(),
});
const templateSchema = z.object({
  id: str,
  name: str,
  title: z.string().nullish(),
  body: z.string().nullish(),
  update_status: z.enum(INCIDENT_STATUSES).nullish().catch("investigating"),
  components: z.array(z.object({ id: str }).loose()).nullish(),
});
const subscriberSchema = z.object({
  id: str,
  mode: z.string().nullish(),
  email: optStr,
  endpoint: optStr,
  phone_number: optStr,
  components: z.array(z.union([str, z.object({ id: str }).loose()])).nullish(),
  created_at: optTime,
});
const pageSchema = z.object({
  name: str,
  time_zone: optStr,
  domain: optStr,
  subdomain: optStr,
  url: optStr,
  support_url: optStr,
});

/** The name an unparseable object is known by in the preview. */
function label(raw: unknown): string {
  const o = (raw ?? {}) as Record<string, unknown>;
  return String(o.name ?? o.email ?? o.endpoint ?? o.id ?? "(no id)");
}
function why(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "object"}: ${i.message}`).join("; ");
}

/** Parses every object of a list; the ones that fail go to `skipped` with the fields at fault. */
function parseAll<S extends z.ZodType>(list: unknown[], schema: S, kind: string, skipped: Skip[]): z.output<S>[] {
  const out: z.output<S>[] = [];
  for (const raw of list) {
    const r = schema.safeParse(raw);
    if (r.success) out.push(r.data);
    else skipped.push({ kind, name: label(raw), reason: `unreadable (${why(r.error)})` });
  }
  return out;
}

const ids = (list: { id: string }[] | string[] | null | undefined) =>
  (list ?? []).map((x) => (typeof x === "string" ? x : x.id));

export function parsePage(raw: unknown): SourcePage | null {
  const r = pageSchema.safeParse(raw);
  if (!r.success) return null;
  const p = r.data;
  return {
    name: p.name,
    timeZone: p.time_zone,
    url: p.domain ? `https://${p.domain}` : p.subdomain ? `https://${p.subdomain}.statuspage.io` : null,
    supportUrl: p.support_url ?? p.url,
  };
}

/** Components and groups from a v1 or v2 components list (groups are rows with group: true) and groups list. */
export function parseComponents(rawComponents: unknown[], rawGroups: unknown[], skipped: Skip[]) {
  const rows = parseAll(rawComponents, componentSchema, "service", skipped);
  const groupRows = parseAll(rawGroups, groupSchema, "group", skipped);
  const groups = new Map<string, SourceGroup>();
  for (const g of groupRows)
    groups.set(g.id, { externalId: g.id, name: g.name, description: g.description, position: g.position ?? 0 });
  for (const c of rows.filter((r) => r.group))
    if (!groups.has(c.id))
      groups.set(c.id, { externalId: c.id, name: c.name, description: c.description, position: c.position ?? 0 });
  const components: SourceComponent[] = rows
    .filter((c) => !c.group)
    .map((c) => ({
      externalId: c.id,
      name: c.name,
      description: c.description,
      groupExternalId: c.group_id && groups.has(c.group_id) ? c.group_id : null,
      position: c.position ?? 0,
      showcase: c.showcase,
      onlyShowIfDegraded: c.only_show_if_degraded,
      startDate: c.start_date ?? null,
      status: c.status,
      createdAt: c.created_at ?? 0,
      updatedAt: c.updated_at ?? c.created_at ?? 0,
    }));
  return { groups: [...groups.values()], components };
}

export function parseIncidents(raw: unknown[], kind: IncidentKind, skipped: Skip[]): SourceIncident[] {
  const allowed: readonly string[] = kind === "incident" ? INCIDENT_STATUSES : MAINTENANCE_STATUSES;
  const what = kind === "incident" ? "incident" : "maintenance";
  return parseAll(raw, incidentSchema, what, skipped).flatMap((i) => {
    const updates: SourceUpdate[] = [];
    for (const u of parseAll(i.incident_updates ?? [], updateSchema, `update of ${what} "${i.name}"`, skipped)) {
      if (!allowed.includes(u.status)) {
        skipped.push({ kind: `update of ${what} "${i.name}"`, name: u.id, reason: `unknown status "${u.status}"` });
        continue;
      }
      const at = u.display_at ?? u.created_at ?? i.created_at;
      updates.push({
        externalId: u.id,
        status: u.status as AnyIncidentStatus,
        body: u.body ?? "",
        displayAt: at,
        createdAt: u.created_at ?? at,
        deliverNotifications: u.deliver_notifications,
        affected: (u.affected_components ?? []).map((a) => ({
          componentExternalId: a.code,
          name: a.name ?? a.code,
          oldStatus: a.old_status,
          newStatus: a.new_status,
        })),
      });
    }
    if (updates.length === 0) {
      skipped.push({ kind: what, name: i.name, reason: "it has no readable update" });
      return [];
    }
    updates.sort((a, b) => a.displayAt - b.displayAt || a.createdAt - b.createdAt);
    return [
      {
        externalId: i.id,
        kind,
        name: i.name,
        impact: kind === "maintenance" ? "maintenance" : i.impact,
        impactOverride: i.impact_override ?? null,
        startedAt: i.started_at ?? i.created_at,
        createdAt: i.created_at,
        updatedAt: i.updated_at ?? i.created_at,
        scheduledFor: i.scheduled_for,
        scheduledUntil: i.scheduled_until,
        autoStart: i.scheduled_auto_in_progress,
        autoComplete: i.scheduled_auto_completed,
        remindPrior: i.scheduled_remind_prior,
        postmortemBody: i.postmortem_body,
        postmortemPublishedAt: i.postmortem_published_at,
        backfilled: i.backfilled,
        componentExternalIds: ids(i.components),
        updates,
      },
    ];
  });
}

export function parseTemplates(raw: unknown[], skipped: Skip[]): SourceTemplate[] {
  return parseAll(raw, templateSchema, "template", skipped).map((t) => ({
    externalId: t.id,
    name: t.name,
    title: t.title ?? t.name,
    body: t.body ?? "",
    status: t.update_status ?? "investigating",
    componentExternalIds: ids(t.components),
  }));
}

export function parseSubscribers(raw: unknown[], skipped: Skip[]): SourceSubscriber[] {
  return parseAll(raw, subscriberSchema, "subscriber", skipped).map((s) => ({
    externalId: s.id,
    mode: s.mode ?? (s.endpoint ? "webhook" : s.phone_number ? "sms" : "email"),
    email: s.email,
    endpoint: s.endpoint,
    phone: s.phone_number,
    componentExternalIds: ids(s.components as { id: string }[]),
    createdAt: s.created_at ?? 0,
  }));
}

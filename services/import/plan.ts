// The preview of an import: for every object the source gave, whether it will be created, updated, merged
// with a row that is already here (same name or address), or skipped, and why. Computed from the database
// and the remembered external ids; nothing is written.
import { createHash } from "node:crypto";
import type { Db } from "@/db";
import { isValidTimeZone } from "@/core/config";
import { loadImportMappings, loadMergeCandidates } from "@/db/queries/imports";
import { getThePage } from "@/db/queries/settings";
import { findGone, type GoneItem } from "./gone";
import type {
  Skip,
  SourceComponent,
  SourceData,
  SourceGroup,
  SourceIncident,
  SourceSubscriber,
  SourceTemplate,
} from "./source";

export type Action = "create" | "update" | "merge" | "unchanged";

export interface PlanItem<T> {
  action: Action;
  name: string;
  /** The local row to update or merge with. */
  localId: string | null;
  fingerprint: string;
  item: T;
}

export interface ImportPlan {
  data: SourceData;
  pageId: string;
  page: { fields: string[] } | null;
  groups: PlanItem<SourceGroup>[];
  components: PlanItem<SourceComponent>[];
  incidents: PlanItem<SourceIncident>[];
  templates: PlanItem<SourceTemplate>[];
  subscribers: PlanItem<SourceSubscriber>[];
  skipped: Skip[];
  /** Parts of objects left out (a component an incident names that the source no longer has). */
  warnings: string[];
  /** What an earlier import brought in that the source no longer has (removed only with prune). */
  gone: GoneItem[];
}

export const fingerprint = (o: unknown) => createHash("sha256").update(JSON.stringify(o)).digest("hex").slice(0, 32);
const key = (s: string) => s.trim().toLowerCase();
const MAX_LENGTH = { name: 255, body: 100_000 };
// Control characters other than tab and newline are refused in text (core/text-input.ts does the same for forms).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
export const clean = (s: string) => s.replace(CONTROL, "");
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function planImport(db: Db, data: SourceData): ImportPlan {
  const page = getThePage(db);
  const remembered = loadImportMappings(db, data.source);
  const mappings = new Map(remembered.map((m) => [`${m.kind}:${m.externalId}`, m]));
  const here = loadMergeCandidates(db, page.id);
  const skipped = [...data.skipped];
  const warnings: string[] = [];

  function decide<T>(
    kind: string,
    externalId: string,
    name: string,
    item: T,
    exists: (id: string) => boolean,
    mergeWith: () => string | null,
  ): PlanItem<T> | null {
    const print = fingerprint(item);
    const known = mappings.get(`${kind}:${externalId}`);
    // Deleted here after an earlier import (a service removed, a subscriber erased): not brought back.
    if (known && !exists(known.localId)) {
      const label = kind === "component" ? "service" : kind;
      skipped.push({ kind: label, name, reason: "deleted here since the last import; not imported again" });
      return null;
    }
    if (known)
      return {
        action: known.fingerprint === print ? "unchanged" : "update",
        name,
        localId: known.localId,
        fingerprint: print,
        item,
      };
    const merge = mergeWith();
    return { action: merge ? "merge" : "create", name, localId: merge, fingerprint: print, item };
  }
  const tooLong = (kind: string, name: string, ...texts: [string, number][]) => {
    const over = texts.find(([t, max]) => t.length > max);
    if (over) skipped.push({ kind, name: name.slice(0, 80), reason: `a text is longer than ${over[1]} characters` });
    return !!over;
  };

  let pageFields: string[] = [];
  if (data.page) {
    const p = data.page;
    if (p.timeZone && !isValidTimeZone(p.timeZone))
      warnings.push(`page time zone "${p.timeZone}" is not an IANA time zone; the page keeps ${page.timeZone}`);
    pageFields = [
      p.name !== page.name ? "name" : null,
      p.timeZone && isValidTimeZone(p.timeZone) && p.timeZone !== page.timeZone ? "time zone" : null,
      p.url && p.url !== page.url ? "URL" : null,
      p.supportUrl && p.supportUrl !== page.supportUrl ? "support URL" : null,
    ].filter((x): x is string => !!x);
  }

  const groupIds = new Set(here.groups.map((g) => g.id));
  const groups = data.groups
    .filter((g) => !tooLong("group", g.name, [g.name, MAX_LENGTH.name]))
    .flatMap(
      (g) =>
        decide(
          "group",
          g.externalId,
          g.name,
          g,
          (id) => groupIds.has(id),
          () => here.groups.find((x) => key(x.name) === key(g.name))?.id ?? null,
        ) ?? [],
    );
  const componentIds = new Set(here.components.filter((c) => !c.deletedAt).map((c) => c.id));
  const known = new Set(data.components.map((c) => c.externalId));
  const components = data.components
    .filter((c) => !tooLong("service", c.name, [c.name, MAX_LENGTH.name], [c.description ?? "", MAX_LENGTH.body]))
    .flatMap(
      (c) =>
        decide(
          "component",
          c.externalId,
          c.name,
          c,
          (id) => componentIds.has(id),
          () => here.components.find((x) => !x.deletedAt && key(x.name) === key(c.name))?.id ?? null,
        ) ?? [],
    );

  const incidentNames = new Map(here.incidents.map((i) => [i.id, i.name]));
  // A component an incident names that the source no longer lists is left out of that incident.
  const incidents = data.incidents.flatMap((i) => {
    const what = i.kind === "incident" ? "incident" : "maintenance";
    if (
      tooLong(
        what,
        i.name,
        [i.name, MAX_LENGTH.name],
        ...i.updates.map((u) => [u.body, MAX_LENGTH.body] as [string, number]),
      )
    )
      return [];
    const gone = new Set([
      ...i.componentExternalIds.filter((id) => !known.has(id)),
      ...i.updates.flatMap((u) =>
        u.affected.filter((a) => !known.has(a.componentExternalId)).map((a) => a.componentExternalId),
      ),
    ]);
    if (gone.size)
      warnings.push(
        `${what} "${i.name}": component${gone.size > 1 ? "s" : ""} ${[...gone].join(", ")} no longer exist${
          gone.size > 1 ? "" : "s"
        } at the source; left out of it`,
      );
    const item: SourceIncident = {
      ...i,
      componentExternalIds: i.componentExternalIds.filter((id) => known.has(id)),
      updates: i.updates.map((u) => ({ ...u, affected: u.affected.filter((a) => known.has(a.componentExternalId)) })),
    };
    return (
      decide(
        what,
        i.externalId,
        i.name,
        item,
        (id) => incidentNames.has(id),
        () => null,
      ) ?? []
    );
  });

  const templateIds = new Set(here.templates.map((t) => t.id));
  const templates = data.templates
    .filter((t) => !tooLong("template", t.name, [t.name, MAX_LENGTH.name], [t.body, MAX_LENGTH.body]))
    .flatMap(
      (t) =>
        decide(
          "template",
          t.externalId,
          t.name,
          { ...t, componentExternalIds: t.componentExternalIds.filter((id) => known.has(id)) },
          (id) => templateIds.has(id),
          () => here.templates.find((x) => key(x.name) === key(t.name))?.id ?? null,
        ) ?? [],
    );

  const subscriberById = new Map(here.subscribers.map((s) => [s.id, s]));
  const seen = new Map<string, string>();
  const subscribers: PlanItem<SourceSubscriber>[] = [];
  for (const s of data.subscribers) {
    const name = s.email ?? s.endpoint ?? s.phone ?? s.externalId;
    if (s.mode === "sms") {
      skipped.push({ kind: "subscriber", name, reason: "SMS subscribers: this installation has no SMS channel" });
      continue;
    }
    if (s.mode !== "email" && s.mode !== "webhook") {
      skipped.push({ kind: "subscriber", name, reason: `"${s.mode}" subscriptions cannot be imported` });
      continue;
    }
    const address = s.mode === "email" ? s.email?.trim().toLowerCase() : s.endpoint?.trim();
    if (!address || (s.mode === "email" ? !EMAIL.test(address) : !/^https?:\/\/\S+$/.test(address))) {
      skipped.push({ kind: "subscriber", name, reason: `no valid ${s.mode === "email" ? "email address" : "URL"}` });
      continue;
    }
    const first = seen.get(`${s.mode}:${address}`);
    if (first) {
      skipped.push({ kind: "subscriber", name, reason: `duplicate of ${first} (same address)` });
      continue;
    }
    seen.set(`${s.mode}:${address}`, address);
    const scope = s.componentExternalIds.filter((id) => known.has(id));
    if (s.componentExternalIds.length && !scope.length) {
      skipped.push({ kind: "subscriber", name, reason: "the components it followed no longer exist at the source" });
      continue;
    }
    const item = {
      ...s,
      email: s.mode === "email" ? address : (s.email?.toLowerCase() ?? null),
      componentExternalIds: scope,
    };
    const plan = decide(
      "subscriber",
      s.externalId,
      address,
      item,
      (id) => subscriberById.has(id),
      () =>
        here.subscribers.find((x) =>
          s.mode === "email" ? x.email === address && x.kind === "email" : x.webhookUrl === address,
        )?.id ?? null,
    );
    if (!plan) continue;
    const local = plan.localId ? subscriberById.get(plan.localId) : null;
    if (local && (local.state === "unsubscribed" || local.state === "suppressed")) {
      skipped.push({ kind: "subscriber", name: address, reason: `${local.state} here; not subscribed again` });
      continue;
    }
    subscribers.push(plan);
  }

  return {
    data,
    pageId: page.id,
    page: data.page && pageFields.length ? { fields: pageFields } : null,
    groups,
    components,
    incidents,
    templates,
    subscribers,
    skipped,
    warnings,
    gone: findGone(data, remembered, {
      groups: new Map(here.groups.map((g) => [g.id, g.name])),
      components: new Map(here.components.filter((c) => !c.deletedAt).map((c) => [c.id, c.name])),
      incidents: incidentNames,
    }),
  };
}

// Writes an import plan: one transaction per kind (page settings, groups and services, templates, incidents
// and maintenances, subscribers), each all or nothing, each remembering the external ids it wrote so a
// re-run updates instead of duplicating. Nothing is enqueued in the outbox: imported history notifies nobody.
import type { Db, Tx } from "@/db";
import { importedIncidentIds, importedLocalId, importedUpdateIds, loadImportMappings } from "@/db/queries/imports";
import { insertAuditEntry } from "@/db/writes/audit";
import { rebuildImportedHistory } from "@/db/writes/import-history";
import { writeImportedIncident } from "@/db/writes/import-incidents";
import {
  importPageSettings,
  insertImportedSubscribers,
  orderTopLevel,
  rememberImport,
  rememberImports,
  upsertImportedComponent,
  upsertImportedGroup,
} from "@/db/writes/imports";
import { setSubscriberComponents } from "@/db/writes/subscribers";
import { insertTemplate, updateTemplate } from "@/db/writes/templates";
import { assertCan, type Actor } from "@/core/actor";
import { isValidTimeZone } from "@/core/config";
import { newToken } from "@/core/ids";
import { countActions } from "./describe";
import { clean, fingerprint, type ImportPlan, type PlanItem } from "./plan";
import { hasGoneIncidents, hasGoneServices, pruneIncidents, pruneServices } from "./prune";
import type { SourceComponent, SourceSubscriber } from "./source";

const pending = <T>(items: PlanItem<T>[]) => items.filter((i) => i.action !== "unchanged");

export interface ImportResult {
  written: string[];
}

export interface ApplyOptions {
  /** Remove what an earlier import brought in and the source no longer has (never by default). */
  prune?: boolean;
  now?: number;
}

export function applyImport(db: Db, plan: ImportPlan, actor: Actor, options: ApplyOptions = {}): ImportResult {
  const now = options.now ?? Date.now();
  const gone = options.prune ? plan.gone : [];
  // An import rewrites services, history and subscribers: the rights of settings and services together.
  assertCan(actor, "settings.write");
  assertCan(actor, "services.write");
  const { source } = plan.data;
  const written: string[] = [];
  const audit = (tx: Tx, what: string, detail: Record<string, unknown>) =>
    insertAuditEntry(tx, {
      at: now,
      actorType: actor.type === "api_key" ? "api_key" : actor.type === "user" ? "user" : "system",
      actorId: actor.type === "user" ? actor.userId : actor.type === "api_key" ? actor.apiKeyId : null,
      actorLabel: actor.label,
      action: "import.statuspage",
      targetType: what,
      detail: { source, ...detail },
    });
  const remember = (tx: Tx, kind: string, p: PlanItem<unknown>, externalId: string, localId: string) =>
    rememberImport(tx, { source, kind, externalId, localId, fingerprint: p.fingerprint, at: now });
  const local = (tx: Tx, kind: string, externalId: string) => importedLocalId(tx, source, kind, externalId);
  const counts = countActions(plan);
  const run = (what: string, fn: (tx: Tx) => void) =>
    db.transaction(
      (tx) => {
        fn(tx);
      },
      { behavior: "immediate" },
    );

  if (plan.page && plan.data.page) {
    const p = plan.data.page;
    run("page", (tx) => {
      importPageSettings(
        tx,
        plan.pageId,
        {
          name: clean(p.name).slice(0, 255),
          ...(p.timeZone && isValidTimeZone(p.timeZone) ? { timeZone: p.timeZone } : {}),
          ...(p.url ? { url: p.url } : {}),
          ...(p.supportUrl ? { supportUrl: p.supportUrl } : {}),
        },
        now,
      );
      audit(tx, "page", { fields: plan.page!.fields });
    });
    written.push(`page settings (${plan.page.fields.join(", ")})`);
  }

  const componentChanges = pending(plan.components);
  if (pending(plan.groups).length || componentChanges.length || hasGoneServices(gone)) {
    run("services", (tx) => {
      const pruned = pruneServices(tx, source, plan.pageId, gone, now);
      for (const g of pending(plan.groups)) {
        const id = upsertImportedGroup(
          tx,
          plan.pageId,
          g.localId,
          {
            name: clean(g.item.name),
            description: g.item.description && clean(g.item.description),
            position: g.item.position,
          },
          now,
        );
        remember(tx, "group", g, g.item.externalId, id);
      }
      for (const c of componentChanges) {
        const i = c.item;
        const id = upsertImportedComponent(
          tx,
          plan.pageId,
          c.localId,
          {
            name: clean(i.name),
            description: i.description && clean(i.description),
            groupId: i.groupExternalId ? local(tx, "group", i.groupExternalId) : null,
            position: i.position,
            showcase: i.showcase,
            onlyShowIfDegraded: i.onlyShowIfDegraded,
            startDate: i.startDate,
            createdAt: i.createdAt || now,
          },
          now,
        );
        remember(tx, "component", c, i.externalId, id);
      }
      // The source's order: top-level rows (groups and ungrouped services) by position, members within groups.
      const top = [
        ...plan.groups.map((g) => ({ at: g.item.position, id: local(tx, "group", g.item.externalId)! })),
        ...plan.components
          .filter((c) => !c.item.groupExternalId)
          .map((c) => ({ at: c.item.position, id: local(tx, "component", c.item.externalId)! })),
      ].sort((a, b) => a.at - b.at);
      orderTopLevel(
        tx,
        plan.pageId,
        top.map((t) => t.id),
        now,
      );
      rebuildHistories(
        tx,
        componentChanges.map((c) => c.item),
      );
      audit(tx, "services", { groups: counts.groups, services: counts.components, pruned });
    });
    written.push(`${pending(plan.groups).length} groups, ${componentChanges.length} services`);
    const removed = gone.filter((g) => g.kind === "component" || g.kind === "group").length;
    if (removed) written.push(`removed ${removed} services and groups gone at the source`);
  }

  function rebuildHistories(tx: Tx, list: SourceComponent[]) {
    const incidentIds = importedIncidentIds(tx, source);
    for (const c of list)
      rebuildImportedHistory(tx, local(tx, "component", c.externalId)!, incidentIds, c.createdAt || now, {
        status: c.status,
        at: c.updatedAt || now,
      });
  }

  const templates = pending(plan.templates);
  if (templates.length) {
    run("templates", (tx) => {
      for (const t of templates) {
        const fields = {
          name: clean(t.item.name),
          title: clean(t.item.title),
          body: clean(t.item.body),
          status: t.item.status === "postmortem" ? "resolved" : t.item.status,
          componentIds: t.item.componentExternalIds.map((e) => local(tx, "component", e)!).filter(Boolean),
          componentStatus: "partial_outage" as const,
        };
        const id = t.localId ?? insertTemplate(tx, plan.pageId, fields, now);
        if (t.localId) updateTemplate(tx, plan.pageId, t.localId, fields, now);
        remember(tx, "template", t, t.item.externalId, id);
      }
      audit(tx, "templates", counts.templates);
    });
    written.push(`${templates.length} templates`);
  }

  const incidents = pending(plan.incidents);
  if (incidents.length || hasGoneIncidents(gone)) {
    run("incidents", (tx) => {
      const removed = pruneIncidents(tx, source, plan.pageId, gone);
      const updateRows = importedUpdateIds(tx, source);
      for (const p of incidents) {
        const i = p.item;
        const componentId = (e: string) => local(tx, "component", e)!;
        const { id, updateIds } = writeImportedIncident(tx, plan.pageId, p.localId, {
          kind: i.kind,
          name: clean(i.name),
          impact: i.impact,
          impactOverride: i.impactOverride,
          startedAt: i.startedAt,
          createdAt: i.createdAt,
          updatedAt: i.updatedAt,
          scheduledFor: i.scheduledFor,
          scheduledUntil: i.scheduledUntil,
          autoStart: i.autoStart,
          autoComplete: i.autoComplete,
          remindBeforeMinutes: i.kind === "maintenance" && i.remindPrior ? 60 : null,
          postmortemBody: i.postmortemBody && clean(i.postmortemBody),
          postmortemPublishedAt: i.postmortemPublishedAt,
          backfilled: i.backfilled,
          componentIds: i.componentExternalIds.map(componentId),
          updates: i.updates.map((u) => ({
            localId: updateRows.get(u.externalId) ?? null,
            status: u.status,
            body: clean(u.body),
            displayAt: u.displayAt,
            createdAt: u.createdAt,
            deliverNotifications: u.deliverNotifications,
            affected: u.affected.map((a) => ({
              componentId: componentId(a.componentExternalId),
              name: clean(a.name),
              oldStatus: a.oldStatus,
              newStatus: a.newStatus,
            })),
          })),
        });
        remember(tx, i.kind, p, i.externalId, id);
        rememberImports(
          tx,
          i.updates.map((u, n) => ({
            source,
            kind: "update",
            externalId: u.externalId,
            localId: updateIds[n],
            fingerprint: fingerprint(u),
            at: now,
          })),
        );
      }
      rebuildHistories(
        tx,
        plan.components.map((c) => c.item),
      );
      audit(tx, "incidents", { ...counts.incidents, pruned: removed });
    });
    written.push(`${incidents.length} incidents and maintenances`);
    const removed = gone.filter((g) => g.kind === "incident" || g.kind === "maintenance").length;
    if (removed) written.push(`removed ${removed} incidents and maintenances gone at the source`);
  }

  const subscribers = pending(plan.subscribers);
  if (subscribers.length) {
    run("subscribers", (tx) => {
      const componentIds = new Map(
        loadImportMappings(tx, source)
          .filter((m) => m.kind === "component")
          .map((m) => [m.externalId, m.localId]),
      );
      const scope = (s: PlanItem<SourceSubscriber>) =>
        s.item.componentExternalIds.map((e) => componentIds.get(e)).filter((id): id is string => !!id);
      for (const s of subscribers)
        if (s.action === "update" && s.localId) setSubscriberComponents(tx, s.localId, scope(s), now);
      const fresh = subscribers.filter((s) => !s.localId);
      const ids = insertImportedSubscribers(
        tx,
        plan.pageId,
        fresh.map((s) => ({
          kind: s.item.mode === "webhook" ? "webhook" : "email",
          email: s.item.email,
          webhookUrl: s.item.mode === "webhook" ? s.item.endpoint!.trim() : null,
          webhookSecret: s.item.mode === "webhook" ? newToken() : null,
          componentIds: scope(s),
          createdAt: s.item.createdAt,
        })),
        now,
      );
      const localId = new Map(fresh.map((s, i) => [s, ids[i]]));
      rememberImports(
        tx,
        subscribers.map((s) => ({
          source,
          kind: "subscriber",
          externalId: s.item.externalId,
          localId: s.localId ?? localId.get(s)!,
          fingerprint: s.fingerprint,
          at: now,
        })),
      );
      audit(tx, "subscribers", counts.subscribers);
    });
    written.push(`${subscribers.length} subscribers`);
  }
  return { written };
}

// Plans and applies a status file against the database (export.ts writes one). Identity is the name
// (case-insensitive). The plan is printed first; nothing changes without `yes`, and nothing is deleted unless
// `prune` is given too. Every change goes through the same verbs as the console and the API, inside one
// transaction: a refusal halfway leaves nothing half-applied. The planners per kind are plan-services.ts
// (groups, services) and plan-detection.ts (monitors, integrations).
import type { Db } from "@/db";
import { listIntegrations } from "@/db/queries/integrations";
import { listMonitors } from "@/db/queries/monitors";
import { loadComponentsAndGroups } from "@/db/queries/public-api";
import { getThePage } from "@/db/queries/settings";
import type { Actor } from "@/core/actor";
import * as services from "@/services/console/services";
import { deleteIntegration } from "@/services/integrations/verbs";
import { deleteMonitor } from "@/services/monitors/verbs";
import { key, ok, type Change, type PlanContext } from "./change";
import type { StatusFile } from "./file";
import { planIntegrations, planMonitors, type IntegrationRow, type MonitorRow } from "./plan-detection";
import { planGroups, planServices } from "./plan-services";

export type { Change } from "./change";

export function planStatusFile(db: Db, actor: Actor, file: StatusFile, options: { prune?: boolean } = {}): Change[] {
  const page = getThePage(db);
  const ctx: PlanContext = {
    pageId: page.id,
    actor,
    now: Date.now(),
    current: loadComponentsAndGroups(db, page.id, "internal"),
    groupId: (d, name) =>
      name ? loadComponentsAndGroups(d, page.id, "internal").groups.find((g) => key(g.name) === key(name))!.id : null,
    serviceId: (d, name) =>
      loadComponentsAndGroups(d, page.id, "internal").components.find((c) => key(c.name) === key(name))!.id,
  };
  const monitors = listMonitors(db);
  const integrations = listIntegrations(db, page.id);
  return [
    ...planGroups(ctx, file),
    ...planServices(ctx, file),
    ...planMonitors(ctx, file, monitors),
    ...planIntegrations(ctx, file, integrations),
    ...(options.prune ? planPrune(ctx, file, monitors, integrations) : []),
  ];
}

/** With `prune`: delete what the file no longer names, dependants first (integrations and monitors use services). */
function planPrune(ctx: PlanContext, file: StatusFile, monitors: MonitorRow[], integrations: IntegrationRow[]) {
  const { pageId, actor, now, current } = ctx;
  const changes: Change[] = [];
  const named = (list: { name: string }[], name: string) => list.some((x) => key(String(x.name)) === key(name));
  for (const i of integrations)
    if (
      !named(
        file.integrations.map((x) => ({ name: String(x.input.name) })),
        i.name,
      )
    )
      changes.push({
        action: "delete",
        what: "integration",
        name: i.name,
        run: (d) => deleteIntegration(d, actor, i.id, now),
      });
  for (const m of monitors)
    if (
      !named(
        file.monitors.map((x) => ({ name: String(x.input.name) })),
        m.name,
      )
    )
      changes.push({
        action: "delete",
        what: "monitor",
        name: m.name,
        run: (d) => deleteMonitor(d, actor, m.id, now),
      });
  for (const c of current.components)
    if (!named(file.services, c.name))
      changes.push({
        action: "delete",
        what: "service",
        name: c.name,
        run: (d) => void ok(services.deleteComponent(d, pageId, actor, c.id, now)),
      });
  for (const g of current.groups)
    if (!named(file.groups, g.name))
      changes.push({
        action: "delete",
        what: "group",
        name: g.name,
        run: (d) => void ok(services.deleteGroup(d, pageId, actor, g.id, now)),
      });
  return changes;
}

export function describeChanges(changes: readonly Change[]): string {
  if (changes.length === 0) return "No changes: the database already matches the file.";
  const sign = { create: "+", update: "~", delete: "-" } as const;
  return changes
    .map((c) => `${sign[c.action]} ${c.what} "${c.name}"${c.fields ? ` (${c.fields.join(", ")})` : ""}`)
    .join("\n");
}

/** Runs the plan in one transaction; returns what must be shown once (new secrets). */
export function applyChanges(db: Db, changes: readonly Change[]): string[] {
  return db.transaction(
    (tx) => changes.map((c) => c.run(tx as unknown as Db)).filter((x): x is string => typeof x === "string"),
    { behavior: "immediate" },
  );
}

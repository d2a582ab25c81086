// Plans and applies a status file against the database, and exports the database as one. Identity is the
// name (case-insensitive). The plan is printed first; nothing changes without `yes`, and nothing is deleted
// unless `prune` is given too. Every change goes through the same verbs as the console and the API, inside
// one transaction: a refusal halfway leaves nothing half-applied.
import { stringify } from "yaml";
import type { Db } from "@/db";
import { listIntegrations } from "@/db/queries/integrations";
import { listMonitors } from "@/db/queries/monitors";
import { loadComponentsAndGroups } from "@/db/queries/public-api";
import { getThePage } from "@/db/queries/settings";
import type { Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import * as services from "@/services/console/services";
import { createIntegration, deleteIntegration, intakeUrl, updateIntegration } from "@/services/integrations/verbs";
import { createMonitor, deleteMonitor, updateMonitor } from "@/services/monitors/verbs";
import { getConfig } from "@/core/config";
import type { StatusFile } from "./file";

export interface Change {
  action: "create" | "update" | "delete";
  what: "group" | "service" | "monitor" | "integration";
  name: string;
  /** Fields that differ, for an update. */
  fields?: string[];
  run: (db: Db) => string | void;
}

const key = (s: string) => s.trim().toLowerCase();
const ok = <T extends object>(o: services.Outcome<T>): T => {
  if (o.ok) return o;
  throw new DomainError(
    o.reason === "gone" ? "not_found" : o.reason,
    `${o.message}${o.errors ? ` ${JSON.stringify(o.errors)}` : ""}`,
  );
};
function differing(want: Record<string, unknown>, have: Record<string, unknown>): string[] {
  return Object.keys(want).filter(
    (k) => want[k] !== undefined && JSON.stringify(want[k]) !== JSON.stringify(have[k] ?? null),
  );
}

export function planStatusFile(db: Db, actor: Actor, file: StatusFile, options: { prune?: boolean } = {}): Change[] {
  const page = getThePage(db);
  const now = Date.now();
  const current = loadComponentsAndGroups(db, page.id, "internal");
  const changes: Change[] = [];
  // Ids resolve when a change runs: a service created a moment before is found by name then.
  const groupId = (d: Db, name: string | null) =>
    name ? loadComponentsAndGroups(d, page.id, "internal").groups.find((g) => key(g.name) === key(name))!.id : null;
  const serviceId = (d: Db, name: string) =>
    loadComponentsAndGroups(d, page.id, "internal").components.find((c) => key(c.name) === key(name))!.id;

  for (const g of file.groups) {
    const have = current.groups.find((x) => key(x.name) === key(g.name));
    if (!have)
      changes.push({
        action: "create",
        what: "group",
        name: g.name,
        run: (d) => void ok(services.createGroup(d, page.id, actor, g, now)),
      });
    else if (differing(g, have).length)
      changes.push({
        action: "update",
        what: "group",
        name: g.name,
        fields: differing(g, have),
        run: (d) => void ok(services.updateGroup(d, page.id, actor, have.id, g, now)),
      });
  }
  for (const s of file.services) {
    const have = current.components.find((x) => key(x.name) === key(s.name));
    const fields = (d: Db) => ({
      name: s.name,
      description: s.description,
      showcase: s.showcase,
      onlyShowIfDegraded: s.onlyShowIfDegraded,
      showResponseTime: s.showResponseTime,
      availabilityTarget: s.availabilityTarget,
      startDate: have?.startDate ?? null,
      groupId: groupId(d, s.group),
    });
    if (!have) {
      changes.push({
        action: "create",
        what: "service",
        name: s.name,
        run: (d) => void ok(services.createComponent(d, page.id, actor, fields(d), now)),
      });
      continue;
    }
    const haveGroup = current.groups.find((g) => g.id === have.groupId)?.name ?? null;
    const diff = [
      ...differing(
        {
          description: s.description,
          showcase: s.showcase,
          onlyShowIfDegraded: s.onlyShowIfDegraded,
          showResponseTime: s.showResponseTime,
          availabilityTarget: s.availabilityTarget,
        },
        have,
      ),
      ...(key(haveGroup ?? "") !== key(s.group ?? "") ? ["group"] : []),
    ];
    if (diff.length)
      changes.push({
        action: "update",
        what: "service",
        name: s.name,
        fields: diff,
        run: (d) => void ok(services.updateComponent(d, page.id, actor, have.id, fields(d), now)),
      });
  }
  const monitors = listMonitors(db);
  for (const m of file.monitors) {
    const name = String(m.input.name);
    const have = monitors.find((x) => key(x.name) === key(name));
    const input = (d: Db) => ({ ...m.input, componentId: m.service ? serviceId(d, m.service) : null });
    if (!have)
      changes.push({
        action: "create",
        what: "monitor",
        name,
        run: (d) => {
          const { heartbeatToken } = createMonitor(d, actor, input(d), now);
          return heartbeatToken
            ? `heartbeat URL of "${name}" (shown once): ${getConfig().publicUrl}/api/heartbeat/${heartbeatToken}`
            : undefined;
        },
      });
    else {
      const haveService = current.components.find((c) => c.id === have.componentId)?.name ?? null;
      const diff = [
        ...differing({ ...m.input, service: undefined }, have as unknown as Record<string, unknown>),
        ...(key(haveService ?? "") !== key(m.service ?? "") ? ["service"] : []),
      ];
      if (diff.length)
        changes.push({
          action: "update",
          what: "monitor",
          name,
          fields: diff,
          run: (d) => void updateMonitor(d, actor, have.id, { ...input(d), kind: have.kind }, now),
        });
    }
  }
  const integrations = listIntegrations(db, page.id);
  for (const i of file.integrations) {
    const name = String(i.input.name);
    const have = integrations.find((x) => key(x.name) === key(name));
    const input = (d: Db) => ({
      ...i.input,
      matchers: (i.input.matchers as object[]).map((m, j) => ({
        ...m,
        componentId: serviceId(d, i.matcherServices[j]),
      })),
    });
    if (!have) {
      changes.push({
        action: "create",
        what: "integration",
        name,
        run: (d) => {
          const { id, secret } = createIntegration(d, actor, input(d), now);
          return `intake URL of "${name}" (shown once): ${intakeUrl(getConfig().publicUrl, id, secret)}`;
        },
      });
      continue;
    }
    const { kind: _k, matchers: _m, ...rest } = i.input;
    void _k;
    void _m;
    const diff = differing(rest, have as unknown as Record<string, unknown>);
    const haveMatchers = have.matchers.map(
      (m) => `${m.label}=${m.value}->${key(current.components.find((c) => c.id === m.componentId)?.name ?? "")}`,
    );
    const wantMatchers = (i.input.matchers as { label: string; value: string }[]).map(
      (m, j) => `${m.label}=${m.value}->${key(i.matcherServices[j])}`,
    );
    if (JSON.stringify(haveMatchers) !== JSON.stringify(wantMatchers)) diff.push("matchers");
    if (diff.length)
      changes.push({
        action: "update",
        what: "integration",
        name,
        fields: diff,
        run: (d) => void updateIntegration(d, actor, have.id, withoutKind(input(d)), now),
      });
  }
  if (options.prune) {
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
          run: (d) => void ok(services.deleteComponent(d, page.id, actor, c.id, now)),
        });
    for (const g of current.groups)
      if (!named(file.groups, g.name))
        changes.push({
          action: "delete",
          what: "group",
          name: g.name,
          run: (d) => void ok(services.deleteGroup(d, page.id, actor, g.id, now)),
        });
  }
  return changes;
}

function withoutKind(input: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...input };
  delete copy.kind;
  return copy;
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

/** Today's configuration as a status file (secrets excluded: they exist only as hashes). */
export function exportStatusFile(db: Db): string {
  const page = getThePage(db);
  const { groups, components } = loadComponentsAndGroups(db, page.id, "internal");
  const serviceName = (id: string | null) => components.find((c) => c.id === id)?.name ?? null;
  const file = {
    groups: groups.map((g) => ({ name: g.name, description: g.description })),
    services: components.map((c) => ({
      name: c.name,
      description: c.description,
      group: groups.find((g) => g.id === c.groupId)?.name ?? null,
      showcase: c.showcase,
      onlyShowIfDegraded: c.onlyShowIfDegraded,
      showResponseTime: c.showResponseTime,
      availabilityTarget: c.availabilityTarget,
    })),
    monitors: listMonitors(db).map((m) => ({
      name: m.name,
      kind: m.kind,
      service: serviceName(m.componentId),
      intervalSeconds: m.intervalSeconds,
      timeoutMs: m.timeoutMs,
      failureStatus: m.failureStatus,
      slowThresholdMs: m.slowThresholdMs,
      failuresBeforeDown: m.failuresBeforeDown,
      successesBeforeUp: m.successesBeforeUp,
      paused: m.paused,
      incidentMode: m.incidentMode,
      templateId: m.templateId,
      config: m.config,
    })),
    integrations: listIntegrations(db, page.id).map((i) => ({
      name: i.name,
      kind: i.kind,
      matchers: i.matchers.map((m) => ({ label: m.label, value: m.value, service: serviceName(m.componentId) })),
      severityMap: i.severityMap,
      defaultStatus: i.defaultStatus,
      incidentMode: i.incidentMode,
      templateId: i.templateId,
    })),
  };
  return stringify(file);
}

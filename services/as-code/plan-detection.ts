// The plan for monitors and alert integrations. A new heartbeat monitor's URL and a new integration's intake
// URL carry a secret that exists only as a hash afterwards: their changes return it to be shown once.
import type { Db } from "@/db";
import type { listIntegrations } from "@/db/queries/integrations";
import type { listMonitors } from "@/db/queries/monitors";
import { getConfig } from "@/core/config";
import { createIntegration, intakeUrl, updateIntegration } from "@/services/integrations/verbs";
import { createMonitor, updateMonitor } from "@/services/monitors/verbs";
import { differing, key, type Change, type PlanContext } from "./change";
import type { StatusFile } from "./file";

export type MonitorRow = ReturnType<typeof listMonitors>[number];
export type IntegrationRow = ReturnType<typeof listIntegrations>[number];

export function planMonitors(ctx: PlanContext, file: StatusFile, monitors: MonitorRow[]): Change[] {
  const { actor, now, current } = ctx;
  const changes: Change[] = [];
  for (const m of file.monitors) {
    const name = String(m.input.name);
    const have = monitors.find((x) => key(x.name) === key(name));
    const input = (d: Db) => ({ ...m.input, componentId: m.service ? ctx.serviceId(d, m.service) : null });
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
  return changes;
}

export function planIntegrations(ctx: PlanContext, file: StatusFile, integrations: IntegrationRow[]): Change[] {
  const { actor, now, current } = ctx;
  const changes: Change[] = [];
  for (const i of file.integrations) {
    const name = String(i.input.name);
    const have = integrations.find((x) => key(x.name) === key(name));
    const input = (d: Db) => ({
      ...i.input,
      matchers: (i.input.matchers as object[]).map((m, j) => ({
        ...m,
        componentId: ctx.serviceId(d, i.matcherServices[j]),
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
  return changes;
}

function withoutKind(input: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...input };
  delete copy.kind;
  return copy;
}

// Today's configuration as a status file (secrets excluded: they exist only as hashes), the input
// planStatusFile (apply.ts) takes back.
import { stringify } from "yaml";
import type { Db } from "@/db";
import { listIntegrations } from "@/db/queries/integrations";
import { listMonitors } from "@/db/queries/monitors";
import { loadComponentsAndGroups } from "@/db/queries/public-api";
import { getThePage } from "@/db/queries/settings";

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

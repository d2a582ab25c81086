// Options and initial values of the monitor form, read on the server.
import type { Db } from "@/db";
import type { MonitorKind } from "@/db/constants";
import { getServiceTree } from "@/db/queries/services";
import { getThePage } from "@/db/queries/settings";
import { listTemplates } from "@/db/queries/templates";
import type { Monitor } from "@/db/schema";
import { CONFIG_FIELDS } from "@/services/console/monitor-form";
import type { MonitorFormValues } from "./monitor-form";

export function formOptions(db: Db) {
  const pageId = getThePage(db).id;
  const services = getServiceTree(db, pageId).flatMap((row) =>
    row.type === "group"
      ? row.components.map((c) => ({ id: c.id, name: `${row.group.name} / ${c.name}` }))
      : [{ id: row.component.id, name: row.component.name }],
  );
  const templates = listTemplates(db, pageId).map((t) => ({ id: t.id, name: t.name }));
  return { services, templates };
}

export function newMonitorValues(kind: MonitorKind): MonitorFormValues {
  return {
    kind,
    values: {
      intervalSeconds: kind === "heartbeat" ? "86400" : "60",
      failuresBeforeDown: kind === "heartbeat" ? "1" : "3",
      successesBeforeUp: kind === "heartbeat" ? "1" : "2",
      failureStatus: "major_outage",
      incidentMode: "status_only",
      method: "GET",
      maxRedirects: "5",
      recordType: "A",
      port: kind === "tls" ? "443" : "",
      minDaysValid: "14",
    },
    checks: {},
  };
}

export function monitorValues(m: Monitor): MonitorFormValues {
  const values: Record<string, string> = {
    name: m.name,
    intervalSeconds: String(m.intervalSeconds),
    timeoutMs: String(m.timeoutMs),
    componentId: m.componentId ?? "",
    failureStatus: m.failureStatus,
    slowThresholdMs: m.slowThresholdMs === null ? "" : String(m.slowThresholdMs),
    failuresBeforeDown: String(m.failuresBeforeDown),
    successesBeforeUp: String(m.successesBeforeUp),
    incidentMode: m.incidentMode,
    templateId: m.templateId ?? "",
  };
  const checks: Record<string, boolean> = {};
  for (const [key, field] of Object.entries(CONFIG_FIELDS[m.kind])) {
    const v = m.config[key];
    if (typeof v === "boolean") checks[field] = v;
    else if (Array.isArray(v)) values[field] = v.join(", ");
    else if (v !== undefined && v !== null) values[field] = String(v);
  }
  return { id: m.id, kind: m.kind, values, checks };
}

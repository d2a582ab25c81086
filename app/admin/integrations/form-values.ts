// Options and initial values of the integration form, read on the server.
import type { Db } from "@/db";
import { liveServices } from "@/db/queries/integrations";
import { getThePage } from "@/db/queries/settings";
import { listTemplates } from "@/db/queries/templates";
import type { Integration } from "@/db/schema";
import { integrationFormText } from "@/services/console/integration-form";
import { DEFAULT_SEVERITY_MAP, DEFAULT_STATUS } from "@/core/integration-settings";

export function integrationFormOptions(db: Db) {
  const pageId = getThePage(db).id;
  return {
    services: liveServices(db, pageId),
    templates: listTemplates(db, pageId).map((t) => ({ id: t.id, name: t.name })),
  };
}

export function integrationValues(db: Db, i: Integration | null): Record<string, string> {
  const { services } = integrationFormOptions(db);
  if (!i)
    return {
      kind: "alertmanager",
      ...integrationFormText([], DEFAULT_SEVERITY_MAP, services),
      defaultStatus: DEFAULT_STATUS,
      incidentMode: "status_only",
      templateId: "",
    };
  return {
    name: i.name,
    ...integrationFormText(i.matchers, i.severityMap, services),
    defaultStatus: i.defaultStatus,
    incidentMode: i.incidentMode,
    templateId: i.templateId ?? "",
  };
}

// The three payload formats an integration accepts, each turned into the same list of alerts. Pure: no
// database. A payload that does not have its format's shape is refused whole with the reason (the caller
// answers 400 and changes nothing); unknown extra fields are allowed, since both tools add fields over time.
//   - alertmanager: Prometheus Alertmanager's webhook, version "4" (`version`, `groupKey`, `status`,
//     `receiver`, `groupLabels`, `commonLabels`, `commonAnnotations`, `externalURL`, `alerts[]` with `status`,
//     `labels`, `annotations`, `startsAt`, `endsAt`, `generatorURL`, `fingerprint`).
//   - grafana: Grafana alerting's webhook contact point: the same alerts[] plus `orgId`, `state`, `title`,
//     `message` and, per alert, `values`, `silenceURL`, `dashboardURL`, `panelURL`. Its `version` is "1".
//   - generic: our own documented shape (README, /api page): one alert object, or `{ "alerts": [...] }`.
import { createHash } from "node:crypto";
import { z } from "zod";
import { COMPONENT_STATUSES, type ComponentStatus, type IntegrationKind } from "@/db/constants";

export interface IncomingAlert {
  /** What dedupes grouped notifications, repeats and re-sends: one claim per fingerprint. */
  fingerprint: string;
  firing: boolean;
  labels: Record<string, string>;
  /** A status the payload names itself (generic only); otherwise the severity map decides. */
  status: ComponentStatus | null;
  summary: string | null;
  /** When the alert started, if the payload says (a firing re-sent after its resolution is stale). */
  startsAt: number | null;
}

export type ParsedPayload = { ok: true; alerts: IncomingAlert[] } | { ok: false; reason: string };

const MAX_ALERTS = 1000;
const text = (max: number) => z.string().max(max);
const labels = z.record(text(200), text(1000), { error: "labels must be an object of strings" });
const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: "must be an RFC 3339 time" });
const state = z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' });

const prometheusAlert = z.looseObject({
  status: state,
  labels,
  annotations: labels.optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  fingerprint: text(200).min(1).optional(),
});
const alertList = z
  .array(prometheusAlert, { error: "alerts must be a list" })
  .min(1, { error: "alerts is empty" })
  .max(MAX_ALERTS, { error: `at most ${MAX_ALERTS} alerts` });

const alertmanagerPayload = z.looseObject({
  version: z.literal("4", { error: 'version must be "4" (Alertmanager webhook format)' }),
  groupKey: z.string({ error: "groupKey is missing" }),
  status: state,
  receiver: z.string({ error: "receiver is missing" }),
  alerts: alertList,
});

const grafanaPayload = z.looseObject({
  receiver: z.string({ error: "receiver is missing" }),
  status: state,
  alerts: alertList,
  orgId: z.number({ error: "orgId is missing (not a Grafana payload?)" }),
  version: z.string().optional(),
});

const genericAlert = z.strictObject({
  service: text(200).min(1).optional(),
  state: state.default("firing"),
  status: z.enum(COMPONENT_STATUSES, { error: `status must be one of: ${COMPONENT_STATUSES.join(", ")}` }).optional(),
  severity: text(50).optional(),
  summary: text(1000).optional(),
  fingerprint: text(200).min(1).optional(),
  labels: labels.optional(),
});
const genericPayload = z.union(
  [
    z.strictObject({ alerts: z.array(genericAlert).min(1, { error: "alerts is empty" }).max(MAX_ALERTS) }),
    genericAlert,
  ],
  {
    error: "expected one alert object or { alerts: [...] }",
  },
);

/** Alertmanager's own fingerprint is a hash of the label set; this stands in when a sender leaves it out. */
function labelFingerprint(l: Record<string, string>): string {
  const sorted = Object.keys(l)
    .sort()
    .map((k) => `${k}=${l[k]}`)
    .join("\u0000");
  return createHash("sha256").update(sorted).digest("hex").slice(0, 16);
}

function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.join(".") : "body";
  return `${where}: ${issue.message}`;
}

function fromPrometheus(alerts: z.output<typeof alertList>): IncomingAlert[] {
  return alerts.map((a) => ({
    fingerprint: a.fingerprint ?? labelFingerprint(a.labels),
    firing: a.status === "firing",
    labels: a.labels,
    status: null,
    summary: a.annotations?.summary ?? a.annotations?.description ?? a.labels.alertname ?? null,
    startsAt: a.startsAt ? Date.parse(a.startsAt) : null,
  }));
}

export function parsePayload(kind: IntegrationKind, json: unknown): ParsedPayload {
  if (kind === "alertmanager" || kind === "grafana") {
    const parsed = (kind === "alertmanager" ? alertmanagerPayload : grafanaPayload).safeParse(json);
    return parsed.success
      ? { ok: true, alerts: fromPrometheus(parsed.data.alerts) }
      : { ok: false, reason: reasonOf(parsed.error) };
  }
  const parsed = genericPayload.safeParse(json);
  if (!parsed.success) return { ok: false, reason: reasonOf(parsed.error) };
  const list = "alerts" in parsed.data ? parsed.data.alerts : [parsed.data];
  return {
    ok: true,
    alerts: list.map((a) => {
      const allLabels = {
        ...(a.labels ?? {}),
        ...(a.service ? { service: a.service } : {}),
        ...(a.severity ? { severity: a.severity } : {}),
      };
      return {
        fingerprint: a.fingerprint ?? (a.service ? `service:${a.service.toLowerCase()}` : labelFingerprint(allLabels)),
        firing: a.state === "firing",
        labels: allLabels,
        status: a.status ?? null,
        summary: a.summary ?? null,
        startsAt: null,
      };
    }),
  };
}

/** The status a firing alert claims: its own (generic), else its severity through the map, else the default. */
export function statusForAlert(
  alert: IncomingAlert,
  severityMap: Record<string, ComponentStatus>,
  defaultStatus: ComponentStatus,
): ComponentStatus {
  if (alert.status) return alert.status;
  const severity = alert.labels.severity?.trim().toLowerCase();
  return (severity && severityMap[severity]) || defaultStatus;
}

/** The service an alert is for: its `service` label (name or id, any case), else the first matching rule. */
export function serviceForAlert(
  alert: IncomingAlert,
  services: readonly { id: string; name: string }[],
  matchers: readonly { label: string; value: string; componentId: string }[],
): { componentId: string } | { unknown: string } {
  const named = alert.labels.service?.trim().toLowerCase();
  if (named) {
    const hit = services.find((s) => s.id === named || s.name.toLowerCase() === named);
    if (hit) return { componentId: hit.id };
  }
  for (const m of matchers) {
    if (alert.labels[m.label] === m.value && services.some((s) => s.id === m.componentId))
      return { componentId: m.componentId };
  }
  return {
    unknown: named ? `No service named "${alert.labels.service}"` : "No service label and no matcher rule matched",
  };
}

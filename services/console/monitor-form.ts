// The console's monitor form, decoded into the verb's input: numbers from text, checkboxes, the kind's config
// fields (flat in the form, nested in the input), and the schema's issues mapped back to the form's fields.
import type { z } from "zod";
import type { MonitorKind } from "@/db/constants";
import { monitorInput } from "@/services/monitors/config";

/** Form field of each config key, per kind (the DNS record name is `dnsName`, not to clash with `name`). */
export const CONFIG_FIELDS: Record<MonitorKind, Record<string, string>> = {
  http: {
    url: "url",
    method: "method",
    expectedStatus: "expectedStatus",
    keyword: "keyword",
    keywordAbsent: "keywordAbsent",
    maxRedirects: "maxRedirects",
    followRedirects: "followRedirects",
    verifyTls: "verifyTls",
  },
  tcp: { host: "host", port: "port" },
  dns: { name: "dnsName", recordType: "recordType", expected: "expected", resolver: "resolver" },
  tls: { host: "host", port: "port", minDaysValid: "minDaysValid" },
  ping: { host: "host" },
  heartbeat: { graceSeconds: "graceSeconds" },
};
const NUMBERS = new Set([
  "intervalSeconds",
  "timeoutMs",
  "slowThresholdMs",
  "failuresBeforeDown",
  "successesBeforeUp",
  "port",
  "maxRedirects",
  "minDaysValid",
  "graceSeconds",
]);
const CHECKBOXES = new Set(["keywordAbsent", "followRedirects", "verifyTls"]);

function value(form: FormData, field: string): unknown {
  if (CHECKBOXES.has(field)) return form.get(field) === "on";
  const raw = form.get(field);
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  if (NUMBERS.has(field)) return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (field === "expectedStatus")
    return raw
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return raw;
}

export function monitorFromForm(form: FormData): Record<string, unknown> {
  const kind = String(form.get("kind") ?? "") as MonitorKind;
  const config: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(CONFIG_FIELDS[kind] ?? {})) {
    const v = value(form, field);
    if (v !== undefined) config[key] = v;
  }
  const input: Record<string, unknown> = { kind, config };
  for (const field of [
    "name",
    "intervalSeconds",
    "timeoutMs",
    "slowThresholdMs",
    "failuresBeforeDown",
    "successesBeforeUp",
    "failureStatus",
    "incidentMode",
  ]) {
    const v = value(form, field);
    if (v !== undefined) input[field] = v;
  }
  input.componentId = value(form, "componentId") ?? null;
  input.templateId = value(form, "templateId") ?? null;
  input.slowThresholdMs = input.slowThresholdMs ?? null;
  return input;
}

/** The schema's issues as per-field messages of the form (config.url -> url). */
export function formErrors(input: Record<string, unknown>, error: z.ZodError): Record<string, string[]> {
  const kind = input.kind as MonitorKind;
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const [head, key] = issue.path.map(String);
    const field = head === "config" ? (key ? (CONFIG_FIELDS[kind]?.[key] ?? key) : "url") : (head ?? "name");
    const message =
      issue.code === "unrecognized_keys"
        ? "Not a setting of this kind of monitor."
        : issue.message.endsWith(".")
          ? issue.message
          : `${issue.message}.`;
    (errors[field] ??= []).push(message);
  }
  return errors;
}

export function parseMonitorForm(
  form: FormData,
): { ok: true; input: Record<string, unknown> } | { ok: false; errors: Record<string, string[]> } {
  const input = monitorFromForm(form);
  const parsed = monitorInput.safeParse(input);
  return parsed.success ? { ok: true, input } : { ok: false, errors: formErrors(input, parsed.error) };
}

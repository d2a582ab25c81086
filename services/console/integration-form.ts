// The console's integration form, decoded into the verb's input. Matcher rules and the severity map are
// textareas, one rule per line, so an admin can paste them:
//   matchers:     label=value -> Service name (or id)     e.g.  team=mail -> Mail
//   severity map: severity=status                          e.g.  critical=major_outage
// A line that does not parse is reported with its line number on its field.
import { COMPONENT_STATUSES } from "@/db/constants";

type Decoded = { ok: true; input: Record<string, unknown> } | { ok: false; errors: Record<string, string[]> };

export function integrationFromForm(form: FormData, services: readonly { id: string; name: string }[]): Decoded {
  const errors: Record<string, string[]> = {};
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const lines = (name: string) =>
    text(name)
      .split(/\r?\n/)
      .map((l, i) => ({ line: i + 1, text: l.trim() }))
      .filter((l) => l.text !== "" && !l.text.startsWith("#"));

  const matchers: { label: string; value: string; componentId: string }[] = [];
  for (const { line, text: l } of lines("matchers")) {
    const m = /^([^=]+?)\s*=\s*(.+?)\s*->\s*(.+)$/.exec(l);
    if (!m) {
      (errors.matchers ??= []).push(`Line ${line}: write label=value -> service.`);
      continue;
    }
    const wanted = m[3].trim().toLowerCase();
    const service = services.find((s) => s.id === wanted || s.name.toLowerCase() === wanted);
    if (!service) (errors.matchers ??= []).push(`Line ${line}: no service named "${m[3].trim()}".`);
    else matchers.push({ label: m[1].trim(), value: m[2], componentId: service.id });
  }

  const severityMap: Record<string, string> = {};
  for (const { line, text: l } of lines("severityMap")) {
    const m = /^([^=]+?)\s*=\s*(\S+)$/.exec(l);
    if (!m || !(COMPONENT_STATUSES as readonly string[]).includes(m[2])) {
      (errors.severityMap ??= []).push(
        `Line ${line}: write severity=status, the status one of ${COMPONENT_STATUSES.filter((s) => s !== "operational" && s !== "under_maintenance").join(", ")}.`,
      );
      continue;
    }
    severityMap[m[1].toLowerCase()] = m[2];
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const input: Record<string, unknown> = {
    name: text("name"),
    matchers,
    severityMap,
    defaultStatus: text("defaultStatus") || undefined,
    incidentMode: text("incidentMode") || undefined,
    templateId: text("templateId") || null,
  };
  if (form.has("kind")) input.kind = text("kind");
  return { ok: true, input };
}

/** The stored settings as the form's textareas. */
export function integrationFormText(
  matchers: readonly { label: string; value: string; componentId: string }[],
  severityMap: Record<string, string>,
  services: readonly { id: string; name: string }[],
) {
  return {
    matchers: matchers
      .map((m) => `${m.label}=${m.value} -> ${services.find((s) => s.id === m.componentId)?.name ?? m.componentId}`)
      .join("\n"),
    severityMap: Object.entries(severityMap)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  };
}

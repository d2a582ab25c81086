// The configuration-as-code file (status.yaml): services, groups, monitors and integrations by name. Parsed
// with the `yaml` package keeping positions, validated with the same zod schemas as the API (services and
// groups: services/api/v1/component-endpoints.ts; monitors: services/monitors/config.ts; integrations:
// services/integrations/config.ts), with services named instead of ids. Every problem is reported with its line.
import { isMap, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { createComponentBody, createGroupBody } from "@/services/api/v1/component-endpoints";
import { integrationInput } from "@/core/integration-settings";
import { DEFAULT_AVAILABILITY_TARGET } from "@/core/service-report-measures";
import { monitorInput } from "@/services/monitors/config";

const serviceName = z.string({ error: "Name a service" }).trim().min(1, { error: "Name a service" });
const groupEntry = createGroupBody;
const serviceEntry = createComponentBody.omit({ groupId: true, status: true, startDate: true }).extend({
  group: z.string().trim().min(1).nullable().default(null),
  // Left out of the file: the default target, as a key left out means the default everywhere in it.
  availabilityTarget: createComponentBody.shape.availabilityTarget.unwrap().default(DEFAULT_AVAILABILITY_TARGET),
});
// Monitors and integrations: the API's own input, with `service` (a name) where the API takes an id.
const monitorEntry = z.looseObject({ service: serviceName.nullable().default(null) });
const integrationEntry = z.looseObject({ matchers: z.array(z.looseObject({ service: serviceName })).default([]) });

export const fileSchema = z.strictObject({
  groups: z.array(groupEntry).default([]),
  services: z.array(serviceEntry).default([]),
  monitors: z.array(monitorEntry).default([]),
  integrations: z.array(integrationEntry).default([]),
});

export type GroupEntry = z.output<typeof groupEntry>;
export type ServiceEntry = z.output<typeof serviceEntry>;
export interface MonitorEntry {
  service: string | null;
  input: Record<string, unknown>;
}
export interface IntegrationEntry {
  input: Record<string, unknown>;
  matcherServices: string[];
}
export interface StatusFile {
  groups: GroupEntry[];
  services: ServiceEntry[];
  monitors: MonitorEntry[];
  integrations: IntegrationEntry[];
}

export class FileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number {
  // The deepest node that exists on the path: an unknown key points at its map, a missing one at its parent.
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as
      { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

const describe = (path: readonly PropertyKey[]) =>
  path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");

/** Parses and validates the whole file; throws FileError with every problem and its line. */
export function parseStatusFile(text: string): StatusFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length)
    throw new FileError(doc.errors.map((e) => `line ${e.linePos?.[0]?.line ?? 1}: ${e.message.split("\n")[0]}`));
  if (doc.contents !== null && !isMap(doc.contents))
    throw new FileError(["line 1: the file must be a map with groups, services, monitors and integrations"]);
  const problems: string[] = [];
  const issue = (path: readonly PropertyKey[], message: string) =>
    problems.push(`line ${lineOf(doc, counter, path)}: ${describe(path) || "file"}: ${message}`);
  const raw = doc.toJS() ?? {};
  const top = fileSchema.safeParse(raw);
  if (!top.success) {
    for (const i of top.error.issues)
      issue(i.path, i.code === "unrecognized_keys" ? `unknown key(s) ${i.keys.join(", ")}` : i.message);
    throw new FileError(problems);
  }
  // Names are the identity: a duplicate would make the plan ambiguous.
  for (const section of ["groups", "services", "monitors", "integrations"] as const) {
    const seen = new Map<string, number>();
    (raw[section] ?? []).forEach((entry: { name?: unknown }, i: number) => {
      const name = String(entry?.name ?? "")
        .trim()
        .toLowerCase();
      if (seen.has(name))
        issue([section, i, "name"], `duplicate name "${String(entry.name)}" (also at ${section}[${seen.get(name)}])`);
      else seen.set(name, i);
    });
  }
  const placeholder = "aaaaaaaaaaaa";
  const monitors = top.data.monitors.map((m, i) => {
    const { service, ...input } = m;
    const checked = monitorInput.safeParse({ ...input, componentId: service ? placeholder : null });
    if (!checked.success)
      for (const is of checked.error.issues)
        issue(
          ["monitors", i, ...is.path],
          is.code === "unrecognized_keys" ? `unknown key(s) ${is.keys.join(", ")}` : is.message,
        );
    return { service, input };
  });
  const integrations = top.data.integrations.map((entry, i) => {
    const matcherServices = entry.matchers.map((m) => m.service);
    const input = {
      ...entry,
      matchers: entry.matchers.map(({ service: _s, ...m }) => ({ ...m, componentId: placeholder })),
    };
    const checked = integrationInput.safeParse(input);
    if (!checked.success)
      for (const is of checked.error.issues)
        issue(
          ["integrations", i, ...is.path],
          is.code === "unrecognized_keys" ? `unknown key(s) ${is.keys.join(", ")}` : is.message,
        );
    return { input, matcherServices };
  });
  const services = new Set(top.data.services.map((s) => s.name.toLowerCase()));
  const groups = new Set(top.data.groups.map((g) => g.name.toLowerCase()));
  top.data.services.forEach((s, i) => {
    if (s.group && !groups.has(s.group.toLowerCase()))
      issue(["services", i, "group"], `no group named "${s.group}" in the file`);
  });
  monitors.forEach((m, i) => {
    if (m.service && !services.has(m.service.toLowerCase()))
      issue(["monitors", i, "service"], `no service named "${m.service}" in the file`);
  });
  integrations.forEach((g, i) =>
    g.matcherServices.forEach((s, j) => {
      if (!services.has(s.toLowerCase()))
        issue(["integrations", i, "matchers", j, "service"], `no service named "${s}" in the file`);
    }),
  );
  if (problems.length) throw new FileError(problems);
  return { groups: top.data.groups, services: top.data.services, monitors, integrations };
}

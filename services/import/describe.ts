// The preview of an import plan as text, and its counts per kind (for the summary and the audit entries).
import { goneLabel } from "./gone";
import type { Action, ImportPlan, PlanItem } from "./plan";

const KINDS = ["groups", "components", "incidents", "templates", "subscribers"] as const;
const LABEL: Record<(typeof KINDS)[number], string> = {
  groups: "groups",
  components: "services",
  incidents: "incidents and maintenances",
  templates: "templates",
  subscribers: "subscribers",
};

export function countActions(plan: ImportPlan) {
  return Object.fromEntries(
    KINDS.map((k) => {
      const items = plan[k] as PlanItem<unknown>[];
      const n = (a: Action) => items.filter((i) => i.action === a).length;
      return [k, { create: n("create"), update: n("update"), merge: n("merge"), unchanged: n("unchanged") }];
    }),
  ) as Record<(typeof KINDS)[number], Record<Action, number>>;
}

/**
 * The preview as text: counts per kind, then every skip, warning and object gone at the source (the first 50
 * of each). `goneHint` says what happens to the gone ones (kept, or removed because prune was asked for).
 */
export function describePlan(plan: ImportPlan, goneHint: string): string {
  const counts = countActions(plan);
  const lines = [`Import from ${plan.data.source}:`];
  lines.push(`  page settings: ${plan.page ? `update (${plan.page.fields.join(", ")})` : "unchanged"}`);
  for (const k of KINDS) {
    const c = counts[k];
    const parts = [
      c.create && `${c.create} to create`,
      c.update && `${c.update} to update`,
      c.merge && `${c.merge} to merge with one already here`,
      c.unchanged && `${c.unchanged} unchanged`,
    ].filter(Boolean);
    const skips = plan.skipped.filter((s) => s.kind === (k === "components" ? "service" : k.replace(/s$/, ""))).length;
    lines.push(`  ${LABEL[k]}: ${parts.join(", ") || "none"}${skips ? `; ${skips} skipped` : ""}`);
  }
  const list = (title: string, rows: string[], after = "") => {
    if (!rows.length) return;
    lines.push(`${title} (${rows.length})${after}:`, ...rows.slice(0, 50).map((r) => `  ${r}`));
    if (rows.length > 50) lines.push(`  ... and ${rows.length - 50} more`);
  };
  list(
    "Skipped",
    plan.skipped.map((s) => `${s.kind} "${s.name}": ${s.reason}`),
  );
  list("Left out", plan.warnings);
  list("Gone at the source", plan.gone.map(goneLabel), `, ${goneHint}`);
  list("Not available from this source", plan.data.notAvailable);
  return lines.join("\n");
}

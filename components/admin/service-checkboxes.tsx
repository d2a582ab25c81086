"use client";
// Services as checkboxes named `services`, grouped as on the public page.
import type { FormState } from "@/lib/auth/action";
import type { PickerGroup } from "@/lib/domain/service-picker";

export function ServiceCheckboxes({ groups, state, initial = [], legend = "Affected services" }: { groups: PickerGroup[]; state: FormState; initial?: readonly string[]; legend?: string }) {
  const errors = state.errors?.services;
  const chosen = new Set(state.values ? (state.values.services?.split(",") ?? []) : initial);
  if (!groups.some((g) => g.services.length)) return <p className="text-sm text-slate-600 dark:text-slate-400">No services yet.</p>;
  return (
    <fieldset aria-describedby={errors?.length ? "field-services-error" : undefined} className="space-y-2">
      <legend className="text-sm font-medium">{legend}</legend>
      {groups.map((group, i) =>
        group.services.length ? (
          <div key={group.name ?? `loose-${i}`}>
            {group.name && <p className="text-sm font-semibold text-slate-700 dark:text-slate-300">{group.name}</p>}
            <ul className={group.name ? "pl-4" : ""}>
              {group.services.map((s) => (
                <li key={s.id} className="flex items-center gap-2 py-0.5">
                  <input id={`field-service-${s.id}`} type="checkbox" name="services" value={s.id} defaultChecked={chosen.has(s.id)} aria-invalid={Boolean(errors?.length)} className="size-4" />
                  <label htmlFor={`field-service-${s.id}`} className="text-sm">{s.name}</label>
                </li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      {errors?.length ? (
        <p id="field-services-error" className="text-sm font-medium text-red-700 dark:text-red-300">{errors.join(" ")}</p>
      ) : null}
    </fieldset>
  );
}

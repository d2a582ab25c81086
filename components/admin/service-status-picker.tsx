"use client";
// Per-service status choices for an incident form, grouped as on the public page. Each select is named
// `service:<id>`; the empty choice leaves the service out of the update.
import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { inputClass } from "./form";

import type { PickerGroup } from "@/core/service-picker";

export function ServiceStatusPicker({
  groups,
  state,
  legend,
  emptyLabel,
  initial = {},
}: {
  groups: PickerGroup[];
  state: FormState;
  legend: string;
  emptyLabel: string;
  initial?: Record<string, string>;
}) {
  const errors = state.errors?.componentStatuses;
  const errorId = "field-componentStatuses-error";
  const services = groups.flatMap((g) => g.services);
  if (services.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No services yet: add them under Services to mark them affected.
      </p>
    );
  }
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined} className="space-y-3">
      <legend className="text-sm font-medium">{legend}</legend>
      {groups.map((group, i) =>
        group.services.length ? (
          <div key={group.name ?? `loose-${i}`} className="space-y-2">
            {group.name && <p className="text-sm font-semibold text-slate-700 dark:text-slate-300">{group.name}</p>}
            {group.services.map((s) => {
              const field = `service:${s.id}`;
              return (
                <div key={s.id} className={`grid gap-1 sm:grid-cols-2 sm:items-center ${group.name ? "sm:pl-4" : ""}`}>
                  <label htmlFor={`field-${field}`} className="text-sm">
                    {s.name}{" "}
                    <span className="text-slate-600 dark:text-slate-400">
                      (now {COMPONENT_STATUS_LABELS[s.status].toLowerCase()})
                    </span>
                  </label>
                  <select
                    id={`field-${field}`}
                    name={field}
                    defaultValue={state.values?.[field] ?? initial[s.id] ?? ""}
                    aria-invalid={Boolean(errors?.length)}
                    aria-describedby={errors?.length ? errorId : undefined}
                    className={`${inputClass} !mt-0`}
                  >
                    <option value="">{emptyLabel}</option>
                    {COMPONENT_STATUSES.map((status) => (
                      <option key={status} value={status}>
                        {COMPONENT_STATUS_LABELS[status]}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </div>
        ) : null,
      )}
      <div aria-live="polite">
        {errors?.length ? (
          <p id={errorId} className="text-sm font-medium text-red-700 dark:text-red-300">
            {errors.join(" ")}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}

"use client";

import Link from "next/link";
import { useActionState } from "react";
import {
  CheckboxField,
  Field,
  FormStatus,
  SubmitButton,
  fieldValue,
  inputClass,
  useFocusOnError,
} from "@/components/admin/form";
import { LIMITS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { createComponentAction, updateComponentAction } from "./actions";

export interface ComponentFormValues {
  id?: string;
  name: string;
  description: string | null;
  groupId: string | null;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  showResponseTime: boolean;
  availabilityTarget: number;
  startDate: string | null;
}

export function ComponentForm({
  initial,
  groups,
}: {
  initial?: ComponentFormValues;
  groups: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState(
    initial?.id ? updateComponentAction : createComponentAction,
    {} as FormState,
  );
  const ref = useFocusOnError(state);
  const checked = (name: "showcase" | "onlyShowIfDegraded" | "showResponseTime", fallback: boolean) =>
    state.values ? state.values[name] === "on" : fallback;
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-xl space-y-5">
      <FormStatus state={state} />
      {initial?.id && <input type="hidden" name="id" value={initial.id} />}
      <Field name="name" label="Name" hint={`What visitors call it. Up to ${LIMITS.name} characters.`} state={state}>
        {(p) => (
          <input {...p} required defaultValue={fieldValue(state, "name", initial?.name)} className={inputClass} />
        )}
      </Field>
      <Field
        name="description"
        label="Description (optional)"
        hint={`Shown next to the name. Up to ${LIMITS.description} characters.`}
        state={state}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            defaultValue={fieldValue(state, "description", initial?.description)}
            className={inputClass}
          />
        )}
      </Field>
      <Field name="groupId" label="Group" state={state}>
        {(p) => (
          <select {...p} defaultValue={fieldValue(state, "groupId", initial?.groupId)} className={inputClass}>
            <option value="">No group (top level)</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="startDate"
        label="Start date (optional)"
        hint="Days before it show as “no data” in the uptime bars."
        state={state}
      >
        {(p) => (
          <input
            {...p}
            type="date"
            defaultValue={fieldValue(state, "startDate", initial?.startDate)}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        name="availabilityTarget"
        label="Availability target (%)"
        hint="The service report measures this service against it, e.g. 99.9. Above 0, at most 100."
        state={state}
      >
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            defaultValue={fieldValue(state, "availabilityTarget", String(initial?.availabilityTarget ?? 99.9))}
            className={inputClass}
          />
        )}
      </Field>
      <CheckboxField
        name="showcase"
        label="Show uptime bars"
        hint="90 days of history under the name."
        defaultChecked={checked("showcase", initial?.showcase ?? true)}
      />
      <CheckboxField
        name="onlyShowIfDegraded"
        label="Only show if degraded"
        hint="Hidden from visitors while it works."
        defaultChecked={checked("onlyShowIfDegraded", initial?.onlyShowIfDegraded ?? false)}
      />
      <CheckboxField
        name="showResponseTime"
        label="Show response time on the public page"
        hint="A small chart of the last 24 hours and 90 days, from the monitors that report on this service."
        defaultChecked={checked("showResponseTime", initial?.showResponseTime ?? false)}
      />
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>{initial?.id ? "Save service" : "Add service"}</SubmitButton>
        <Link href="/admin/services" className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

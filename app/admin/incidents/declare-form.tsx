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
import { MarkdownField } from "@/components/admin/markdown-field";
import { ServiceStatusPicker } from "@/components/admin/service-status-picker";
import type { PickerGroup } from "@/core/service-picker";
import { IMPACT_LABELS, IMPACTS, INCIDENT_STATUS_LABELS, LIMITS, POSTABLE_INCIDENT_STATUSES } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { declareIncidentAction } from "./actions";

export interface DeclareInitial {
  name: string;
  status: string;
  message: string;
  componentStatuses: Record<string, string>;
}

export function DeclareIncidentForm({
  groups,
  timeZone,
  initial,
  fromReports,
}: {
  groups: PickerGroup[];
  timeZone: string;
  initial?: DeclareInitial;
  /** A triage group of visitor reports (core/visitor-reports.ts encodeGroupRef) that joins the incident. */
  fromReports?: string;
}) {
  const [state, action, pending] = useActionState(declareIncidentAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-2xl space-y-5">
      <FormStatus state={state} />
      {fromReports && <input type="hidden" name="fromReports" value={fromReports} />}
      <Field
        name="name"
        label="Name"
        hint={`What visitors read as the title, e.g. “Email delayed”. Up to ${LIMITS.name} characters.`}
        state={state}
      >
        {(p) => (
          <input {...p} required defaultValue={fieldValue(state, "name", initial?.name)} className={inputClass} />
        )}
      </Field>
      <Field name="status" label="Status" state={state}>
        {(p) => (
          <select
            {...p}
            defaultValue={fieldValue(state, "status", initial?.status ?? "investigating")}
            className={inputClass}
          >
            {POSTABLE_INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {INCIDENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <MarkdownField
        name="message"
        label="Message"
        state={state}
        initial={initial?.message}
        hint={`What is happening and what people can do. Markdown; up to ${LIMITS.message.toLocaleString("en-US")} characters.`}
      />
      <ServiceStatusPicker
        groups={groups}
        state={state}
        initial={initial?.componentStatuses}
        legend="Affected services and their new status"
        emptyLabel="Not affected"
      />
      <Field
        name="impactOverride"
        label="Impact"
        hint="Derived from the services’ statuses unless you choose one."
        state={state}
      >
        {(p) => (
          <select {...p} defaultValue={fieldValue(state, "impactOverride")} className={inputClass}>
            <option value="">Derived from the services</option>
            {IMPACTS.map((i) => (
              <option key={i} value={i}>
                {IMPACT_LABELS[i]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="startedAt"
        label={`Started at (optional, ${timeZone})`}
        hint="Leave empty for now. A start more than 5 minutes ago records a backfilled incident: subscribers are not notified about it."
        state={state}
      >
        {(p) => (
          <input {...p} type="datetime-local" defaultValue={fieldValue(state, "startedAt")} className={inputClass} />
        )}
      </Field>
      <Field
        name="resolvedAt"
        label={`Ended at (for a resolved one, ${timeZone})`}
        hint="Only when the status is Resolved: when it was over. Needed for a backfilled incident; empty means now."
        state={state}
      >
        {(p) => (
          <input {...p} type="datetime-local" defaultValue={fieldValue(state, "resolvedAt")} className={inputClass} />
        )}
      </Field>
      <CheckboxField
        name="notify"
        label="Notify subscribers"
        hint="Email and webhook subscribers hear about this incident."
        defaultChecked={state.values ? state.values.notify === "on" : true}
      />
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>Declare incident</SubmitButton>
        <Link href="/admin/incidents" className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

"use client";

import Link from "next/link";
import { useActionState } from "react";
import {
  Field,
  FormStatus,
  SubmitButton,
  fieldList,
  fieldValue,
  inputClass,
  useFocusOnError,
} from "@/components/admin/form";
import { MarkdownField } from "@/components/admin/markdown-field";
import { ServicePicker } from "@/components/ui/service-picker";
import type { PickerGroup } from "@/core/service-picker";
import {
  COMPONENT_STATUS_LABELS,
  COMPONENT_STATUSES,
  INCIDENT_STATUS_LABELS,
  LIMITS,
  POSTABLE_INCIDENT_STATUSES,
  type ComponentStatus,
} from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { createTemplateAction, updateTemplateAction } from "./actions";

export interface TemplateValues {
  id: string;
  name: string;
  title: string;
  body: string;
  status: string;
  componentIds: string[];
  componentStatus: ComponentStatus;
}

export function TemplateForm({ groups, template }: { groups: PickerGroup[]; template?: TemplateValues }) {
  const [state, action, pending] = useActionState(
    template ? updateTemplateAction : createTemplateAction,
    {} as FormState,
  );
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-2xl space-y-5">
      <FormStatus state={state} />
      {template && <input type="hidden" name="id" value={template.id} />}
      <Field
        name="name"
        label="Template name"
        hint={`How the template is listed, e.g. “Email delayed”. Up to ${LIMITS.name} characters.`}
        state={state}
      >
        {(p) => (
          <input {...p} required defaultValue={fieldValue(state, "name", template?.name)} className={inputClass} />
        )}
      </Field>
      <Field name="title" label="Incident title" hint="What visitors read as the incident’s name." state={state}>
        {(p) => (
          <input {...p} required defaultValue={fieldValue(state, "title", template?.title)} className={inputClass} />
        )}
      </Field>
      <Field name="status" label="Status" state={state}>
        {(p) => (
          <select
            {...p}
            defaultValue={fieldValue(state, "status", template?.status ?? "investigating")}
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
        name="body"
        label="Message"
        state={state}
        initial={template?.body}
        hint={`Markdown; up to ${LIMITS.message.toLocaleString("en-US")} characters.`}
      />
      <ServicePicker
        groups={groups}
        name="services"
        legend="Services to preselect (optional)"
        selected={fieldList(state, "services", template?.componentIds)}
        errors={state.errors?.services}
        errorId="field-services-error"
      />
      <Field name="componentStatus" label="Preselected services’ status" state={state}>
        {(p) => (
          <select
            {...p}
            defaultValue={fieldValue(state, "componentStatus", template?.componentStatus ?? "partial_outage")}
            className={inputClass}
          >
            {COMPONENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {COMPONENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>Save template</SubmitButton>
        <Link href="/admin/incidents/templates" className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

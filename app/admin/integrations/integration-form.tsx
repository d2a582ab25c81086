"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import {
  COMPONENT_STATUS_LABELS,
  INCIDENT_MODES,
  INCIDENT_MODE_LABELS,
  INTEGRATION_KINDS,
  INTEGRATION_KIND_LABELS,
  MONITOR_FAILURE_STATUSES,
} from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { createIntegrationAction, rotateSecretAction, updateIntegrationAction } from "./actions";

type Option = { id: string; name: string };

/** The intake URL and the snippets, after creating or rotating: shown once. */
export function Reveal({ state }: { state: FormState }) {
  const r = state.reveal ?? {};
  const block = (label: string, text: unknown, testId: string) => (
    <div>
      <h2 className="font-semibold">{label}</h2>
      <pre
        className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800"
        data-testid={testId}
      >
        {String(text)}
      </pre>
    </div>
  );
  return (
    <div className="mt-6 max-w-3xl space-y-4">
      <FormStatus state={state} />
      <p>
        Paste this URL into Alertmanager or Grafana as it is: it carries the secret. Or send to{" "}
        <code>/api/integrations/{String(r.integrationId)}</code> with <code>Authorization: Bearer &lt;secret&gt;</code>.
      </p>
      {block("Intake URL", r.intakeUrl, "intake-url")}
      {block("Alertmanager (alertmanager.yml)", r.alertmanager, "snippet-alertmanager")}
      {block("Grafana contact point", r.grafana, "snippet-grafana")}
      {block("Generic JSON (curl)", r.generic, "snippet-generic")}
      <Link href={`/admin/integrations/${String(r.integrationId)}`} className="font-medium underline">
        Open the integration
      </Link>
    </div>
  );
}

export function IntegrationForm({
  id,
  values,
  templates,
}: {
  id?: string;
  values: Record<string, string>;
  templates: Option[];
}) {
  const [state, action, pending] = useActionState(
    id ? updateIntegrationAction : createIntegrationAction,
    {} as FormState,
  );
  const ref = useFocusOnError(state);
  if (state.reveal?.intakeUrl) return <Reveal state={state} />;
  const select = (name: string, label: string, options: [string, string][], hint?: string) => (
    <Field name={name} label={label} hint={hint} state={state}>
      {(p) => (
        <select {...p} defaultValue={fieldValue(state, name, values[name])} className={inputClass}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const area = (name: string, label: string, hint: string) => (
    <Field name={name} label={label} hint={hint} state={state}>
      {(p) => (
        <textarea
          {...p}
          rows={4}
          defaultValue={fieldValue(state, name, values[name])}
          className={`${inputClass} font-mono`}
        />
      )}
    </Field>
  );
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-2xl space-y-5">
      <FormStatus state={state} />
      {id && <input type="hidden" name="id" value={id} />}
      <Field name="name" label="Name" state={state}>
        {(p) => <input {...p} defaultValue={fieldValue(state, "name", values.name)} className={inputClass} />}
      </Field>
      {!id &&
        select(
          "kind",
          "Sends",
          INTEGRATION_KINDS.map((k) => [k, INTEGRATION_KIND_LABELS[k]]),
        )}
      {area(
        "matchers",
        "Matcher rules (optional)",
        "One per line: label=value -> service. Used when an alert has no service label naming a service, e.g. team=mail -> Mail.",
      )}
      {area(
        "severityMap",
        "Severity map",
        "One per line: severity=status (degraded_performance, partial_outage or major_outage), read from the alert's severity label.",
      )}
      {select(
        "defaultStatus",
        "Any other severity means",
        MONITOR_FAILURE_STATUSES.map((s) => [s, COMPONENT_STATUS_LABELS[s]]),
      )}
      {select(
        "incidentMode",
        "When an alert fires",
        INCIDENT_MODES.map((m) => [m, INCIDENT_MODE_LABELS[m]]),
      )}
      {select(
        "templateId",
        "Incident template",
        [["", "None (default wording)"], ...templates.map((t): [string, string] => [t.id, t.name])],
        "Used for drafts and required for published incidents.",
      )}
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>Save integration</SubmitButton>
        <Link href={id ? `/admin/integrations/${id}` : "/admin/integrations"} className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

export function RotateSecret({ id }: { id: string }) {
  const [state, action, pending] = useActionState(rotateSecretAction, {} as FormState);
  if (state.reveal?.intakeUrl) return <Reveal state={state} />;
  return (
    <form action={action} className="mt-2">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton pending={pending} tone="danger">
        New secret (the current URL stops working)
      </SubmitButton>
    </form>
  );
}

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
import {
  COMPONENT_STATUS_LABELS,
  INCIDENT_MODES,
  INCIDENT_MODE_LABELS,
  MONITOR_FAILURE_STATUSES,
  MONITOR_KIND_LABELS,
  type MonitorKind,
} from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { createMonitorAction, updateMonitorAction } from "./actions";

export interface MonitorFormValues {
  id?: string;
  kind: MonitorKind;
  /** Flat form values (as the form names them). */
  values: Record<string, string>;
  checks: Record<string, boolean>;
}

type Option = { id: string; name: string };

function Text({
  name,
  label,
  hint,
  state,
  initial,
  type = "text",
}: {
  name: string;
  label: string;
  hint?: string;
  state: FormState;
  initial: Record<string, string>;
  type?: string;
}) {
  return (
    <Field name={name} label={label} hint={hint} state={state}>
      {(p) => (
        <input
          {...p}
          type={type}
          inputMode={type === "number" ? "numeric" : undefined}
          defaultValue={fieldValue(state, name, initial[name])}
          className={inputClass}
        />
      )}
    </Field>
  );
}

function Select({
  name,
  label,
  hint,
  state,
  initial,
  options,
}: {
  name: string;
  label: string;
  hint?: string;
  state: FormState;
  initial: Record<string, string>;
  options: [string, string][];
}) {
  return (
    <Field name={name} label={label} hint={hint} state={state}>
      {(p) => (
        <select {...p} defaultValue={fieldValue(state, name, initial[name])} className={inputClass}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function MonitorForm({
  monitor,
  services,
  templates,
}: {
  monitor: MonitorFormValues;
  services: Option[];
  templates: Option[];
}) {
  const [state, action, pending] = useActionState(
    monitor.id ? updateMonitorAction : createMonitorAction,
    {} as FormState,
  );
  const ref = useFocusOnError(state);
  const v = monitor.values;
  const p = { state, initial: v };
  const heartbeatPath = typeof state.reveal?.heartbeatPath === "string" ? state.reveal.heartbeatPath : null;
  if (heartbeatPath) {
    const url = `${window.location.origin}${heartbeatPath}`;
    return (
      <div className="mt-6 max-w-2xl space-y-4">
        <FormStatus state={state} />
        <p>
          Have the job call this URL (<code>GET</code> or <code>POST</code>) after each run; add{" "}
          <code>?status=fail&amp;msg=…</code> to report a failure.
        </p>
        <p
          className="break-all rounded-md bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800"
          data-testid="heartbeat-url"
        >
          {url}
        </p>
        <Link href={`/admin/monitors/${String(state.reveal?.monitorId)}`} className="font-medium underline">
          Open the monitor
        </Link>
      </div>
    );
  }
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-2xl space-y-5">
      <FormStatus state={state} />
      {monitor.id && <input type="hidden" name="id" value={monitor.id} />}
      <input type="hidden" name="kind" value={monitor.kind} />
      <p className="text-sm">
        Kind: <strong>{MONITOR_KIND_LABELS[monitor.kind]}</strong>
      </p>
      <Text name="name" label="Name" {...p} />
      {monitor.kind === "http" && (
        <>
          <Text name="url" label="URL" hint="http:// or https://; internal addresses are fine." {...p} />
          <Select name="method" label="Method" options={["GET", "HEAD", "POST"].map((m) => [m, m])} {...p} />
          <Text
            name="expectedStatus"
            label="Expected status codes"
            hint="Comma-separated, e.g. 200, 204. Empty: any 2xx."
            {...p}
          />
          <Text name="keyword" label="Keyword (optional)" hint="Text the response must contain (first 1 MB)." {...p} />
          <CheckboxField
            name="keywordAbsent"
            label="Up when the keyword is absent"
            defaultChecked={monitor.checks.keywordAbsent ?? false}
          />
          <CheckboxField
            name="followRedirects"
            label="Follow redirects"
            defaultChecked={monitor.checks.followRedirects ?? true}
          />
          <Text name="maxRedirects" label="Redirect limit" type="number" {...p} />
          <CheckboxField
            name="verifyTls"
            label="Verify the TLS certificate"
            defaultChecked={monitor.checks.verifyTls ?? true}
          />
        </>
      )}
      {(monitor.kind === "tcp" || monitor.kind === "tls" || monitor.kind === "ping") && (
        <Text name="host" label="Host" {...p} />
      )}
      {(monitor.kind === "tcp" || monitor.kind === "tls") && <Text name="port" label="Port" type="number" {...p} />}
      {monitor.kind === "tls" && (
        <Text name="minDaysValid" label="Down when it expires within (days)" type="number" {...p} />
      )}
      {monitor.kind === "dns" && (
        <>
          <Text name="dnsName" label="Record name" {...p} />
          <Select
            name="recordType"
            label="Record type"
            options={["A", "AAAA", "CNAME", "MX", "TXT", "NS"].map((t) => [t, t])}
            {...p}
          />
          <Text name="expected" label="Expected value (optional)" {...p} />
          <Text
            name="resolver"
            label="Resolver (optional)"
            hint="host or host:port of your DNS server; empty: the system's."
            {...p}
          />
        </>
      )}
      {monitor.kind === "heartbeat" && (
        <Text
          name="graceSeconds"
          label="Grace (seconds, optional)"
          hint="Default: a fifth of the period, 10 s to 1 h."
          {...p}
        />
      )}
      <Text
        name="intervalSeconds"
        label={monitor.kind === "heartbeat" ? "Expected period (seconds)" : "Interval (seconds)"}
        hint="10 seconds to 24 hours."
        type="number"
        {...p}
      />
      {monitor.kind !== "heartbeat" && (
        <Text
          name="timeoutMs"
          label="Timeout (ms, optional)"
          hint="Default 10 000, at most the interval."
          type="number"
          {...p}
        />
      )}
      <Select
        name="componentId"
        label="Service it reports on"
        options={[["", "None (record only)"], ...services.map((s): [string, string] => [s.id, s.name])]}
        {...p}
      />
      <Select
        name="failureStatus"
        label="A failure means"
        options={MONITOR_FAILURE_STATUSES.map((s) => [s, COMPONENT_STATUS_LABELS[s]])}
        {...p}
      />
      {monitor.kind === "http" && (
        <Text
          name="slowThresholdMs"
          label="Slow above (ms, optional)"
          hint="Slow for as many checks as failures before down: degraded performance."
          type="number"
          {...p}
        />
      )}
      <Text name="failuresBeforeDown" label="Failures before down" type="number" {...p} />
      <Text name="successesBeforeUp" label="Successes before up" type="number" {...p} />
      <Select
        name="incidentMode"
        label="When it goes down"
        options={INCIDENT_MODES.map((m) => [m, INCIDENT_MODE_LABELS[m]])}
        {...p}
      />
      <Select
        name="templateId"
        label="Incident template"
        hint="Used for drafts and required for published incidents."
        options={[["", "None (default wording)"], ...templates.map((t): [string, string] => [t.id, t.name])]}
        {...p}
      />
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>Save monitor</SubmitButton>
        <Link href={monitor.id ? `/admin/monitors/${monitor.id}` : "/admin/monitors"} className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

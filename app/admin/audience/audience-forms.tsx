"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import { PAGE_VISIBILITIES, PAGE_VISIBILITY_LABELS, type ItemVisibility, type PageVisibility } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { buttonClass } from "@/components/ui/button";
import { createViewerTokenAction, revokeViewerTokenAction, saveAudienceAction, saveVisibilityAction } from "./actions";

export function AudienceSettingsForm(props: { visibility: PageVisibility; domains: string; allowlist: string }) {
  const [state, action, pending] = useActionState(saveAudienceAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={action} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      <Field name="visibility" label="Who may see the status page" state={state}>
        {(p) => (
          <select {...p} defaultValue={fieldValue(state, "visibility", props.visibility)} className={inputClass}>
            {PAGE_VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {PAGE_VISIBILITY_LABELS[v]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="viewerEmailDomains"
        label="Email domains that may sign in by link"
        hint="One per line, e.g. example.com. Only addresses at exactly these domains get a link."
        state={state}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            defaultValue={fieldValue(state, "viewerEmailDomains", props.domains)}
            className={`${inputClass} font-mono`}
          />
        )}
      </Field>
      <Field
        name="viewerIpAllowlist"
        label="Networks that see the internal page without signing in"
        hint="One CIDR range per line, e.g. 10.0.0.0/8 or 2001:db8::/32. Behind a proxy, set TRUST_PROXY=true."
        state={state}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            defaultValue={fieldValue(state, "viewerIpAllowlist", props.allowlist)}
            className={`${inputClass} font-mono`}
          />
        )}
      </Field>
      <SubmitButton pending={pending}>Save</SubmitButton>
    </form>
  );
}

export interface VisibilityRow {
  kind: "group" | "component";
  id: string;
  name: string;
  visibility: ItemVisibility;
  inGroup: boolean;
}

export function VisibilityForm({ rows }: { rows: VisibilityRow[] }) {
  const [state, action, pending] = useActionState(saveVisibilityAction, {} as FormState);
  return (
    <form action={action} className="mt-4 max-w-xl space-y-3">
      <FormStatus state={state} />
      {rows.map((r) => {
        const id = `vis-${r.kind}-${r.id}`;
        return (
          <div key={id} className={`flex flex-wrap items-center justify-between gap-2 ${r.inGroup ? "pl-6" : ""}`}>
            <label htmlFor={id} className="min-w-0 break-words font-medium">
              {r.kind === "group" ? `${r.name} (group)` : r.name}
            </label>
            <select
              id={id}
              name={`${r.kind}:${r.id}`}
              defaultValue={r.visibility}
              className={`${inputClass} mt-0 w-auto`}
            >
              <option value="public">Public</option>
              <option value="internal">Internal</option>
            </select>
          </div>
        );
      })}
      <SubmitButton pending={pending}>Save services</SubmitButton>
    </form>
  );
}

export function CreateViewerTokenForm() {
  const [state, action, pending] = useActionState(createViewerTokenAction, {} as FormState);
  const ref = useFocusOnError(state);
  const token = state.ok ? (state.reveal?.key as string | undefined) : undefined;
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      {token && (
        <div className="rounded-md border border-green-700 p-3 dark:border-green-500">
          <label htmlFor="new-viewer-token" className="block text-sm font-medium">
            The new token: copy it now, it is not shown again
          </label>
          <input
            id="new-viewer-token"
            readOnly
            value={token}
            className={`${inputClass} font-mono text-sm`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <p className="mt-1 text-sm">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>, or add <code>?viewer_token=&lt;token&gt;</code>{" "}
            to a feed or calendar address.
          </p>
        </div>
      )}
      <Field name="name" label="Name" hint='What reads with it, e.g. "Wallboard".' state={state}>
        {(p) => <input {...p} autoComplete="off" className={inputClass} />}
      </Field>
      <SubmitButton pending={pending}>Create token</SubmitButton>
    </form>
  );
}

export function RevokeViewerTokenButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(revokeViewerTokenAction, {} as FormState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className={buttonClass("secondary", "sm")}
        aria-label={`Revoke token ${name}`}
      >
        Revoke
      </button>
      <span role="status" aria-live="polite" className="text-sm">
        {state.message}
      </span>
    </form>
  );
}

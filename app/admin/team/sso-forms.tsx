"use client";

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
import { buttonClass } from "@/components/ui/button";
import { USER_ROLES, USER_ROLE_LABELS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { approveSsoAction, dismissSsoAction, saveSsoSettingsAction } from "./sso-actions";

const small = buttonClass("secondary", "sm");

export function SsoSettingsForm({
  settings,
  owners,
}: {
  settings: {
    roleClaim: string;
    roleMapping: string;
    emailDomains: string;
    localPasswordsOff: boolean;
    breakGlassUserId: string | null;
  };
  owners: { id: string; email: string }[];
}) {
  const [state, action, pending] = useActionState(saveSsoSettingsAction, {} as FormState);
  const ref = useFocusOnError(state);
  const value = (name: keyof typeof settings, initial: string) =>
    state.ok === false ? fieldValue(state, name) : initial;
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      <Field name="roleClaim" label="Claim with groups or roles" hint="e.g. groups or roles" state={state}>
        {(p) => <input {...p} defaultValue={value("roleClaim", settings.roleClaim)} className={inputClass} />}
      </Field>
      <Field
        name="roleMapping"
        label="Role mapping"
        hint='One per line: "claim value = owner, admin or editor". The highest match wins; no match waits for an owner.'
        state={state}
      >
        {(p) => (
          <textarea
            {...p}
            rows={4}
            defaultValue={value("roleMapping", settings.roleMapping)}
            className={`${inputClass} font-mono text-sm`}
          />
        )}
      </Field>
      <Field
        name="emailDomains"
        label="Allowed email domains"
        hint="One per line; empty: any verified email."
        state={state}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            defaultValue={value("emailDomains", settings.emailDomains)}
            className={inputClass}
          />
        )}
      </Field>
      <CheckboxField
        name="localPasswordsOff"
        label="Turn local passwords off"
        hint="Everyone signs in with single sign-on, except the break-glass owner below."
        defaultChecked={settings.localPasswordsOff}
      />
      {state.errors?.localPasswordsOff && (
        <p className="text-sm font-medium text-red-700 dark:text-red-300">{state.errors.localPasswordsOff.join(" ")}</p>
      )}
      <Field
        name="breakGlassUserId"
        label="Break-glass owner"
        hint="Keeps a password (and two-factor), for when the provider is down."
        state={state}
      >
        {(p) => (
          <select
            {...p}
            defaultValue={value("breakGlassUserId", settings.breakGlassUserId ?? "")}
            className={inputClass}
          >
            <option value="">None</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.email}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SubmitButton pending={pending}>Save single sign-on settings</SubmitButton>
    </form>
  );
}

export function AccessRequestControls({ id, email }: { id: string; email: string }) {
  const [approveState, approve, approving] = useActionState(approveSsoAction, {} as FormState);
  const [dismissState, dismiss, dismissing] = useActionState(dismissSsoAction, {} as FormState);
  const state = (approveState.at ?? 0) >= (dismissState.at ?? 0) ? approveState : dismissState;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={approve} className="flex items-center gap-1">
        <input type="hidden" name="id" value={id} />
        <label htmlFor={`sso-role-${id}`} className="sr-only">
          Role for {email}
        </label>
        <select
          id={`sso-role-${id}`}
          name="role"
          defaultValue="editor"
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        >
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {USER_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <button type="submit" disabled={approving} className={small} aria-label={`Approve ${email}`}>
          Approve
        </button>
      </form>
      <form action={dismiss}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" disabled={dismissing} className={small} aria-label={`Dismiss the request from ${email}`}>
          Dismiss
        </button>
      </form>
      <span
        role="status"
        aria-live="polite"
        className={`text-sm ${state.ok === false ? "text-red-700 dark:text-red-300" : "text-green-800 dark:text-green-300"}`}
      >
        {state.message}
      </span>
    </div>
  );
}

"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import { USER_ROLE_LABELS, type UserRole } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import {
  changeRoleAction,
  inviteAction,
  removeMemberAction,
  requireTwoFactorAction,
  revokeInvitationAction,
} from "./actions";
import { buttonClass } from "@/components/ui/button";

const small = buttonClass("secondary", "sm");

export function InviteForm({ roles }: { roles: UserRole[] }) {
  const [state, action, pending] = useActionState(inviteAction, {} as FormState);
  const ref = useFocusOnError(state);
  const link = state.ok ? state.values?.link : undefined;
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      {link && (
        <div className="rounded-md border border-green-700 p-3 dark:border-green-500">
          <label htmlFor="invite-link" className="block text-sm font-medium">
            Invitation link: send it to them yourself (it is not shown again)
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="invite-link"
              readOnly
              value={link}
              className={`${inputClass} mt-0 font-mono text-sm`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className={small} onClick={() => navigator.clipboard?.writeText(link)}>
              Copy
            </button>
          </div>
        </div>
      )}
      <Field name="email" label="Email address" state={state}>
        {(p) => (
          <input {...p} type="email" defaultValue={state.ok ? "" : fieldValue(state, "email")} className={inputClass} />
        )}
      </Field>
      <Field
        name="role"
        label="Role"
        hint="Editors post incidents and maintenance. Admins also manage services, settings and the team."
        state={state}
      >
        {(p) => (
          <select
            {...p}
            defaultValue={state.ok ? "editor" : fieldValue(state, "role", "editor")}
            className={inputClass}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {USER_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SubmitButton pending={pending}>Create invitation</SubmitButton>
    </form>
  );
}

export function MemberControls({
  userId,
  email,
  role,
  roles,
}: {
  userId: string;
  email: string;
  role: UserRole;
  roles: UserRole[];
}) {
  const [roleState, setRole, settingRole] = useActionState(changeRoleAction, {} as FormState);
  const [removeState, remove, removing] = useActionState(removeMemberAction, {} as FormState);
  const state = (roleState.at ?? 0) >= (removeState.at ?? 0) ? roleState : removeState;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={setRole} className="flex items-center gap-1">
        <input type="hidden" name="userId" value={userId} />
        <label htmlFor={`role-${userId}`} className="sr-only">
          Role of {email}
        </label>
        <select
          id={`role-${userId}`}
          name="role"
          defaultValue={role}
          key={role}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        >
          {(roles.includes(role) ? roles : [role, ...roles]).map((r) => (
            <option key={r} value={r}>
              {USER_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <button type="submit" disabled={settingRole} className={small} aria-label={`Change role of ${email}`}>
          Change
        </button>
      </form>
      <form
        action={remove}
        onSubmit={(e) => !confirm(`Remove ${email} from the team? They are signed out at once.`) && e.preventDefault()}
      >
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" disabled={removing} className={small} aria-label={`Remove ${email}`}>
          Remove
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

export function RevokeButton({ id, email }: { id: string; email: string }) {
  const [state, action, pending] = useActionState(revokeInvitationAction, {} as FormState);
  return (
    <form
      action={action}
      onSubmit={(e) => !confirm(`Revoke the invitation for ${email}?`) && e.preventDefault()}
      className="flex items-center gap-2"
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className={small} aria-label={`Revoke invitation for ${email}`}>
        Revoke
      </button>
      <span role="status" aria-live="polite" className="text-sm">
        {state.message}
      </span>
    </form>
  );
}

export function RequireTwoFactorForm({ required }: { required: boolean }) {
  const [state, action, pending] = useActionState(requireTwoFactorAction, {} as FormState);
  return (
    <form action={action} className="mt-3 space-y-3">
      <FormStatus state={state} />
      <div className="flex items-start gap-3">
        <input
          id="field-required"
          name="required"
          type="checkbox"
          defaultChecked={required}
          className="mt-1 size-4"
          aria-describedby="field-required-hint"
        />
        <div>
          <label htmlFor="field-required" className="text-sm font-medium">
            Require two-factor sign-in for everyone
          </label>
          <p id="field-required-hint" className="text-sm text-slate-600 dark:text-slate-400">
            Members without it can only set it up until they have.
          </p>
        </div>
      </div>
      <SubmitButton pending={pending}>Save</SubmitButton>
    </form>
  );
}

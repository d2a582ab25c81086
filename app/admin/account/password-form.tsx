"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-md space-y-4">
      <FormStatus state={state} />
      <Field name="currentPassword" label="Current password" state={state}>
        {(p) => <input {...p} type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Field name="newPassword" label="New password" hint="At least 12 characters." state={state}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field name="confirmPassword" label="New password again" state={state}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}

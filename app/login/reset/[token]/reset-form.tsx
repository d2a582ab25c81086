"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { resetPasswordAction } from "./actions";

export function ResetForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 space-y-5">
      <FormStatus state={state} />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: which account the new password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field name="password" label="New password" hint="At least 12 characters." state={state}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field name="confirmPassword" label="New password again" state={state}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <SubmitButton pending={pending}>Set the new password</SubmitButton>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { requestPasswordResetAction } from "./actions";

export function ForgotForm() {
  const [state, action, pending] = useActionState(requestPasswordResetAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-8 space-y-5">
      <FormStatus state={state} />
      <Field name="email" label="Email" state={state}>
        {(p) => (
          <input
            {...p}
            type="email"
            autoComplete="username"
            required
            defaultValue={fieldValue(state, "email")}
            className={inputClass}
          />
        )}
      </Field>
      <SubmitButton pending={pending}>Email me a reset link</SubmitButton>
    </form>
  );
}

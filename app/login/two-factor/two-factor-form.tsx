"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { twoFactorAction } from "./actions";

export function TwoFactorForm() {
  const [state, action, pending] = useActionState(twoFactorAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-8 space-y-5">
      <FormStatus state={state} />
      <Field name="code" label="Code" state={state}>
        {(p) => <input {...p} inputMode="numeric" autoComplete="one-time-code" autoFocus className={inputClass} />}
      </Field>
      <SubmitButton pending={pending}>Continue</SubmitButton>
    </form>
  );
}

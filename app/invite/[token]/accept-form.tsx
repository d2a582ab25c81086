"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { acceptInvitationAction } from "./actions";

export function AcceptForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 space-y-5">
      <FormStatus state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field name="name" label="Your name" state={state}>
        {(p) => <input {...p} autoComplete="name" defaultValue={fieldValue(state, "name")} className={inputClass} />}
      </Field>
      <Field name="password" label="Choose a password" hint="At least 12 characters." state={state}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field name="confirmPassword" label="Password again" state={state}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <SubmitButton pending={pending}>Join the team</SubmitButton>
    </form>
  );
}

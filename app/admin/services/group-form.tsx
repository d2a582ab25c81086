"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import { LIMITS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { createGroupAction, updateGroupAction } from "./actions";

export function GroupForm({ initial }: { initial?: { id: string; name: string; description: string | null } }) {
  const [state, action, pending] = useActionState(initial ? updateGroupAction : createGroupAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-xl space-y-5">
      <FormStatus state={state} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <Field name="name" label="Group name" hint={`Up to ${LIMITS.name} characters.`} state={state}>
        {(p) => (
          <input {...p} required defaultValue={fieldValue(state, "name", initial?.name)} className={inputClass} />
        )}
      </Field>
      <Field
        name="description"
        label="Description (optional)"
        hint={`Up to ${LIMITS.description} characters.`}
        state={state}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            defaultValue={fieldValue(state, "description", initial?.description)}
            className={inputClass}
          />
        )}
      </Field>
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>{initial ? "Save group" : "Add group"}</SubmitButton>
        <Link href="/admin/services" className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

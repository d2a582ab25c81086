"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import { LIMITS } from "@/db/constants";
import type { FormState } from "@/lib/auth/action";
import { addSubscriberAction } from "./actions";

export interface ScopeChoice {
  /** A real group's id, or null for the services outside any group. */
  groupId: string | null;
  name: string;
  components: { id: string; name: string }[];
}

const radio = "mt-1 flex items-start gap-2";

export function AddSubscriberForm({ choices }: { choices: ScopeChoice[] }) {
  const [state, action, pending] = useActionState(addSubscriberAction, {} as FormState);
  const ref = useFocusOnError(state);
  const [scope, setScope] = useState<"all" | "some">(fieldValue(state, "scope", "all") === "some" ? "some" : "all");
  const confirmation = fieldValue(state, "confirmation", "send");
  const kept = (name: string) => new Set(fieldValue(state, name).split(",").filter(Boolean));
  const components = kept("componentIds");
  const groups = kept("groupIds");
  const scopeError = state.errors?.componentIds;
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-xl space-y-6">
      <FormStatus state={state} />
      <Field name="email" label="Email address" hint={`Up to ${LIMITS.email} characters.`} state={state}>
        {(p) => <input {...p} type="email" autoComplete="off" required defaultValue={fieldValue(state, "email")} className={inputClass} />}
      </Field>
      <fieldset aria-describedby={scopeError ? "field-componentIds-error" : undefined}>
        <legend className="text-sm font-medium">Notify them about</legend>
        <label className={radio}>
          <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} className="mt-1" />
          Everything
        </label>
        <label className={radio}>
          <input type="radio" name="scope" value="some" checked={scope === "some"} onChange={() => setScope("some")} className="mt-1" />
          Only the services chosen below
        </label>
        {scope === "some" && (
          <div className="mt-3 space-y-3">
            {choices.length === 0 && <p className="text-sm">There are no services yet: add some on the Services page, or choose everything.</p>}
            {choices.map((group) => (
              <fieldset key={group.groupId ?? "ungrouped"} className="rounded-md border border-slate-300 p-3 dark:border-slate-700">
                <legend className="px-1 text-sm font-semibold">{group.name}</legend>
                {group.groupId && (
                  <label className="flex items-center gap-2 font-medium">
                    <input type="checkbox" name="groupIds" value={group.groupId} defaultChecked={groups.has(group.groupId)} />
                    The whole group
                  </label>
                )}
                <ul className="mt-1 grid gap-1 sm:grid-cols-2">
                  {group.components.map((c) => (
                    <li key={c.id}>
                      <label className="flex items-center gap-2">
                        <input type="checkbox" name="componentIds" value={c.id} defaultChecked={components.has(c.id)} />
                        {c.name}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            ))}
          </div>
        )}
        {scopeError?.length ? (
          <p id="field-componentIds-error" className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
            {scopeError.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Consent</legend>
        <label className={radio}>
          <input type="radio" name="confirmation" value="send" defaultChecked={confirmation !== "confirmed"} className="mt-1" />
          <span>
            Send a confirmation email
            <span className="block text-sm text-slate-600 dark:text-slate-400">They are pending, and get nothing else, until they click the link in it.</span>
          </span>
        </label>
        <label className={radio}>
          <input type="radio" name="confirmation" value="confirmed" defaultChecked={confirmation === "confirmed"} className="mt-1" />
          <span>
            They already agreed: add them as active
            <span className="block text-sm text-slate-600 dark:text-slate-400">Only if this person asked you to subscribe them.</span>
          </span>
        </label>
      </fieldset>
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>Add subscriber</SubmitButton>
        <Link href="/admin/subscribers" className="font-medium underline">Cancel</Link>
      </div>
    </form>
  );
}

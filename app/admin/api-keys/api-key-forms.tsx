"use client";

import { useActionState, useState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import { API_KEY_ROLES, API_KEY_ROLE_HINT, API_KEY_ROLE_LABELS, LIMITS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { buttonClass } from "@/components/ui/button";

const small = buttonClass("secondary", "sm");

/** The new key, shown once, with a button that copies it and says so. */
function NewKey({ value }: { value: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }
  return (
    <div className="rounded-md border border-green-700 p-3 dark:border-green-500">
      <label htmlFor="new-api-key" className="block text-sm font-medium">
        Your new API key: copy it now, it is not shown again
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="new-api-key"
          readOnly
          value={value}
          className={`${inputClass} mt-0 font-mono text-sm`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className={small} onClick={copy}>
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className="mt-1 text-sm">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "no"
            ? "Could not copy: select the key and copy it yourself."
            : ""}
      </p>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. See{" "}
        <a href="/api" className="underline">
          the API page
        </a>
        .
      </p>
    </div>
  );
}

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState(createApiKeyAction, {} as FormState);
  const ref = useFocusOnError(state);
  const key = state.ok ? (state.reveal?.key as string | undefined) : undefined;
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      {key && <NewKey value={key} />}
      <Field
        name="name"
        label="Name"
        hint={`What uses it, e.g. "Alertmanager" (at most ${LIMITS.name} characters). Shown in the audit log.`}
        state={state}
      >
        {(p) => (
          <input
            {...p}
            autoComplete="off"
            defaultValue={state.ok ? "" : fieldValue(state, "name")}
            className={inputClass}
          />
        )}
      </Field>
      <Field name="role" label="Role" hint={API_KEY_ROLE_HINT} state={state}>
        {(p) => (
          <select
            {...p}
            defaultValue={state.ok ? "editor" : fieldValue(state, "role", "editor")}
            className={inputClass}
          >
            {API_KEY_ROLES.map((r) => (
              <option key={r} value={r}>
                {API_KEY_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SubmitButton pending={pending}>Create key</SubmitButton>
    </form>
  );
}

/** Rendered for revoked keys too (without the button), so the announcement outlives the re-render. */
export function RevokeApiKeyButton({ id, name, revoked }: { id: string; name: string; revoked: boolean }) {
  const [state, action, pending] = useActionState(revokeApiKeyAction, {} as FormState);
  const status = (
    <span
      role="status"
      aria-live="polite"
      className={`text-sm ${state.ok === false ? "text-red-700 dark:text-red-300" : ""}`}
    >
      {state.message}
    </span>
  );
  if (revoked) return status;
  return (
    <form
      action={action}
      onSubmit={(e) =>
        !confirm(`Revoke the key "${name}"? Anything using it is refused at once; this cannot be undone.`) &&
        e.preventDefault()
      }
      className="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="name" value={name} />
      <button type="submit" disabled={pending} className={small} aria-label={`Revoke key ${name}`}>
        Revoke
      </button>
      {status}
    </form>
  );
}

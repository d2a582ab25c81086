"use client";

import { useActionState, useState, type ReactNode } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { addWebhookAction, enableWebhookAction, removeWebhookAction, resendVerificationAction } from "./actions";
import { buttonClass } from "@/components/ui/button";

const small = buttonClass("secondary", "sm");

/** The signing secret, shown once right after the webhook is created. */
export function SecretOnce({ secret, url }: { secret: string; url: string }) {
  return (
    <div className="rounded-md border border-green-700 p-3 dark:border-green-500">
      <label htmlFor="webhook-secret" className="block text-sm font-medium">
        Signing secret for {url}: copy it now, it is not shown again
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="webhook-secret"
          readOnly
          value={secret}
          className={`${inputClass} mt-0 font-mono text-sm`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className={small} onClick={() => navigator.clipboard?.writeText(secret)}>
          Copy
        </button>
      </div>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        Every request carries an <code>X-Statuspage-Signature</code> header made with it; the{" "}
        <a className="underline" href="/api#webhooks">
          API page
        </a>{" "}
        shows how to check it.
      </p>
    </div>
  );
}

export function AddWebhookForm({ picker }: { picker: ReactNode }) {
  const [state, action, pending] = useActionState(addWebhookAction, {} as FormState);
  const ref = useFocusOnError(state);
  const [scope, setScope] = useState(fieldValue(state, "scope", "all"));
  const revealed = state.ok ? state.reveal : undefined;
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      {revealed && <SecretOnce secret={String(revealed.secret)} url={String(revealed.url)} />}
      <Field
        name="url"
        label="Webhook URL"
        hint="An http(s) address on the public internet. We POST JSON to it."
        state={state}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            maxLength={2000}
            defaultValue={state.ok ? "" : fieldValue(state, "url")}
            className={inputClass}
            placeholder="https://hooks.example.com/status"
          />
        )}
      </Field>
      <Field
        name="email"
        label="Owner email (optional)"
        hint="Told if the webhook is disabled after failing for about a day."
        state={state}
      >
        {(p) => (
          <input
            {...p}
            type="email"
            maxLength={254}
            defaultValue={state.ok ? "" : fieldValue(state, "email")}
            className={inputClass}
          />
        )}
      </Field>
      <fieldset aria-describedby={state.errors?.componentIds ? "webhook-components-error" : undefined}>
        <legend className="text-sm font-medium">Send events about</legend>
        <label className="mt-2 flex items-center gap-2">
          <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
          Everything
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="scope" value="some" checked={scope === "some"} onChange={() => setScope("some")} />
          Only the services chosen below
        </label>
        {scope === "some" ? picker : null}
        {state.errors?.componentIds ? (
          <p id="webhook-components-error" className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
            {state.errors.componentIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <SubmitButton pending={pending}>Add webhook</SubmitButton>
    </form>
  );
}

export function WebhookControls({
  id,
  url,
  disabled,
  pending,
}: {
  id: string;
  url: string;
  disabled: boolean;
  pending: boolean;
}) {
  const [enableState, enable, enabling] = useActionState(enableWebhookAction, {} as FormState);
  const [verifyState, verify, verifying] = useActionState(resendVerificationAction, {} as FormState);
  // Success redirects (the row goes away); what comes back is a refusal.
  const [removeState, remove, removing] = useActionState(removeWebhookAction, {} as FormState);
  const state = [enableState, verifyState, removeState].reduce((latest, s) =>
    (s.at ?? 0) > (latest.at ?? 0) ? s : latest,
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {pending && (
        <form action={verify}>
          <input type="hidden" name="id" value={id} />
          <button
            type="submit"
            disabled={verifying}
            className={small}
            aria-label={`Re-send the verification ping to ${url}`}
          >
            Re-send verification
          </button>
        </form>
      )}
      {disabled && (
        <form action={enable}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={enabling} className={small} aria-label={`Re-enable webhook ${url}`}>
            Re-enable
          </button>
        </form>
      )}
      <form
        action={remove}
        onSubmit={(e) =>
          !confirm(`Remove the webhook ${url}? It gets no more events, and its delivery history is deleted.`) &&
          e.preventDefault()
        }
      >
        <input type="hidden" name="id" value={id} />
        <button type="submit" disabled={removing} className={small} aria-label={`Remove webhook ${url}`}>
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

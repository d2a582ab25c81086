"use client";

// The console's forms for endpoint subscribers (webhooks and chat channels are both a URL we POST to, an
// optional owner to tell when it is disabled, and a scope): one add form and one row of controls, each kind
// saying only its words and its extra parts (a chat channel's platform, a webhook's once-shown secret).
import { useActionState, useState, type ReactNode } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import type { Locale } from "@/core/i18n/locales";
import { LanguageField } from "./language-field";
import { buttonClass } from "@/components/ui/button";

const small = buttonClass("secondary", "sm");

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

export interface EndpointFormText {
  /** Prefix of the ids of this form's error regions ("webhook", "chat"). */
  kind: string;
  urlLabel: string;
  urlHint: string;
  urlPlaceholder?: string;
  ownerHint: string;
  scopeLegend: string;
  /** What the language is used for, for this kind. */
  languageHint: string;
  submit: string;
}

export function AddEndpointForm({
  action,
  picker,
  text,
  before,
  defaultLocale,
}: {
  action: FormAction;
  picker: ReactNode;
  text: EndpointFormText;
  /** The page's default language, preselected for the endpoint's messages. */
  defaultLocale: Locale;
  /** What the kind shows above the URL, given the form's state (a platform choice, a secret shown once). */
  before?: (state: FormState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {} as FormState);
  const ref = useFocusOnError(state);
  const [scope, setScope] = useState(fieldValue(state, "scope", "all"));
  const scopeError = `${text.kind}-components-error`;
  return (
    <form ref={ref} key={state.at} action={formAction} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      {before?.(state)}
      <Field name="url" label={text.urlLabel} hint={text.urlHint} state={state}>
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            maxLength={2000}
            defaultValue={state.ok ? "" : fieldValue(state, "url")}
            className={inputClass}
            placeholder={text.urlPlaceholder}
          />
        )}
      </Field>
      <Field name="email" label="Owner email (optional)" hint={text.ownerHint} state={state}>
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
      <LanguageField state={state} defaultLocale={defaultLocale} hint={text.languageHint} />
      <fieldset aria-describedby={state.errors?.componentIds ? scopeError : undefined}>
        <legend className="text-sm font-medium">{text.scopeLegend}</legend>
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
          <p id={scopeError} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
            {state.errors.componentIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <SubmitButton pending={pending}>{text.submit}</SubmitButton>
    </form>
  );
}

const unused: FormAction = async (state) => state;

export interface EndpointControlText {
  /** The accessible names of the buttons, naming the endpoint. */
  enable: string;
  remove: string;
  verify?: string;
  /** The question asked before removing. */
  confirmRemove: string;
}

/** Re-send verification (while pending, when the kind has one), re-enable (while disabled), remove. */
export function EndpointControls({
  id,
  disabled,
  pending = false,
  actions,
  text,
}: {
  id: string;
  disabled: boolean;
  pending?: boolean;
  actions: { enable: FormAction; remove: FormAction; verify?: FormAction };
  text: EndpointControlText;
}) {
  const [enableState, enable, enabling] = useActionState(actions.enable, {} as FormState);
  const [verifyState, verify, verifying] = useActionState(actions.verify ?? unused, {} as FormState);
  // Success redirects (the row goes away); what comes back is a refusal.
  const [removeState, remove, removing] = useActionState(actions.remove, {} as FormState);
  const state = [enableState, verifyState, removeState].reduce((latest, s) =>
    (s.at ?? 0) > (latest.at ?? 0) ? s : latest,
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {pending && actions.verify && (
        <form action={verify}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={verifying} className={small} aria-label={text.verify}>
            Re-send verification
          </button>
        </form>
      )}
      {disabled && (
        <form action={enable}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={enabling} className={small} aria-label={text.enable}>
            Re-enable
          </button>
        </form>
      )}
      <form action={remove} onSubmit={(e) => !confirm(text.confirmRemove) && e.preventDefault()}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" disabled={removing} className={small} aria-label={text.remove}>
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

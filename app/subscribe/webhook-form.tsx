"use client";
import { useActionState, useEffect, useRef } from "react";
import type { ComponentChoices } from "@/db/queries/subscribers";
import type { Locale } from "@/core/i18n/locales";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { subscribeWebhookAction, type WebhookSubscribeState } from "./webhook-actions";
import { Button } from "@/components/ui/button";
import type { WebhookFormText } from "./webhook-form-text";

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900";
const error = "mt-1 text-sm text-red-700 dark:text-red-400";

/** A translated sentence whose `backticked` parts are code (header names, event names). */
function WithCode({ text }: { text: string }) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

/** Works without JavaScript: the picker is always there, and counts only when "Only the services I choose" is picked. */
export function WebhookSubscribeForm({
  choices,
  locale,
  text,
}: {
  choices: ComponentChoices;
  locale: Locale;
  text: WebhookFormText;
}) {
  const [state, action, pending] = useActionState<WebhookSubscribeState, FormData>(subscribeWebhookAction, null);
  const urlRef = useRef<HTMLInputElement>(null);
  const errors = state?.status === "invalid" ? state.errors : {};
  const values = state && "values" in state ? state.values : undefined;
  useEffect(() => {
    if (errors.url) urlRef.current?.focus();
  }, [errors.url]);

  if (state?.status === "created") {
    return (
      <div
        role="status"
        className="space-y-3 rounded-md border border-green-300 bg-green-50 p-4 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
      >
        <h2 className="font-semibold">{text.createdHeading}</h2>
        <p className="break-words">
          <WithCode text={text.pinging} />
        </p>
        <p>
          <code className="break-all" dir="ltr">
            {state.url}
          </code>
        </p>
        <p>{text.pingRest}</p>
        <label htmlFor="webhook-secret" className="block font-medium">
          {text.secretLabel}
        </label>
        <input
          id="webhook-secret"
          readOnly
          dir="ltr"
          value={state.secret}
          className={`${input} font-mono text-sm text-slate-900 dark:text-slate-100`}
        />
        <p className="break-words">
          <WithCode text={text.signature} />{" "}
          <a className="underline" href="/api#webhooks">
            {text.verifyLink}
          </a>
          . {text.unsubscribeNote}
        </p>
      </div>
    );
  }
  return (
    // key: the uncontrolled fields take the returned values as their defaults on each answer.
    <form key={JSON.stringify(values ?? null)} action={action} className="space-y-5" noValidate>
      {/* The subscriber's language (L2 stores it): messages to them are written in it. */}
      <input type="hidden" name="language" value={locale} />
      <div>
        <label htmlFor="url" className="block font-medium">
          {text.url}
        </label>
        <p id="url-hint" className="text-sm text-slate-600 dark:text-slate-400">
          {text.urlHint}
        </p>
        <input
          ref={urlRef}
          id="url"
          name="url"
          type="url"
          inputMode="url"
          required
          maxLength={2000}
          defaultValue={values?.url}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby="url-hint url-error"
          className={input}
        />
        <p id="url-error" aria-live="polite" className={`${error} break-words`}>
          {errors.url?.[0]}
        </p>
      </div>
      <div>
        <label htmlFor="owner-email" className="block font-medium">
          {text.email}
        </label>
        <p id="owner-email-hint" className="text-sm text-slate-600 dark:text-slate-400">
          {text.emailHint}
        </p>
        <input
          id="owner-email"
          name="email"
          type="email"
          autoComplete="email"
          maxLength={254}
          defaultValue={values?.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby="owner-email-hint owner-email-error"
          className={input}
        />
        <p id="owner-email-error" aria-live="polite" className={error}>
          {errors.email?.[0]}
        </p>
      </div>
      {/* The honeypot: hidden from people and from assistive technology. */}
      <div aria-hidden="true" className="hidden">
        <label htmlFor="webhook-website">Website</label>
        <input id="webhook-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <fieldset aria-describedby="webhook-components-error">
        <legend className="font-medium">{text.sendAbout}</legend>
        <label className="mt-2 flex items-center gap-2">
          <input type="radio" name="scope" value="all" defaultChecked={values?.scope !== "some"} />
          {text.everything}
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="scope" value="some" defaultChecked={values?.scope === "some"} />
          {text.onlyChosen}
        </label>
        <ServicePicker groups={choiceGroups(choices)} name="componentIds" selected={values?.componentIds} />
        <p id="webhook-components-error" aria-live="polite" className={error}>
          {errors.componentIds?.[0]}
        </p>
      </fieldset>
      {state?.status === "unavailable" ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
      {state?.status === "too-many" ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {text.tooMany}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? text.registering : text.register}
      </Button>
    </form>
  );
}

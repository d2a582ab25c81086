"use client";
import { useActionState, useEffect, useRef } from "react";
import type { ComponentChoices } from "@/db/queries/subscribers";
import type { Locale } from "@/core/i18n/locales";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { subscribeWebhookAction, type WebhookSubscribeState } from "./webhook-actions";
import { Button } from "@/components/ui/button";

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900";
const error = "mt-1 text-sm text-red-700 dark:text-red-400";

/** Works without JavaScript: the picker is always there, and counts only when "Only the services I choose" is picked. */
export function WebhookSubscribeForm({ choices, locale }: { choices: ComponentChoices; locale: Locale }) {
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
        <h2 className="font-semibold">Webhook registered: pending verification</h2>
        <p className="break-words">
          We are sending a signed <code>ping</code> (header <code>X-Statuspage-Event: ping</code>) to{" "}
          <code className="break-all">{state.url}</code>. Once it answers with any 2xx status within 10 seconds, the
          webhook is active and we will POST JSON to it when an incident or maintenance starts, changes or ends, and
          when a service changes status. Until then it receives nothing; an unanswered ping is tried again after 1, 5
          and 15 minutes.
        </p>
        <label htmlFor="webhook-secret" className="block font-medium">
          Your signing secret: copy it now, it is not shown again
        </label>
        <input
          id="webhook-secret"
          readOnly
          value={state.secret}
          className={`${input} font-mono text-sm text-slate-900 dark:text-slate-100`}
        />
        <p>
          Each request carries <code>X-Statuspage-Signature: t=…,v1=…</code>, an HMAC-SHA256 made with this secret. See{" "}
          <a className="underline" href="/api#webhooks">
            how to verify it
          </a>
          . Every payload has an unsubscribe link.
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
          Webhook URL
        </label>
        <p id="url-hint" className="text-sm text-slate-600 dark:text-slate-400">
          An http(s) address on the public internet that answers a POST with a 2xx status within 10 seconds.
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
        <p id="url-error" aria-live="polite" className={error}>
          {errors.url?.[0]}
        </p>
      </div>
      <div>
        <label htmlFor="owner-email" className="block font-medium">
          Your email (optional)
        </label>
        <p id="owner-email-hint" className="text-sm text-slate-600 dark:text-slate-400">
          Only used to tell you if the webhook keeps failing and is switched off.
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
        <legend className="font-medium">Send events about</legend>
        <label className="mt-2 flex items-center gap-2">
          <input type="radio" name="scope" value="all" defaultChecked={values?.scope !== "some"} />
          Everything
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="scope" value="some" defaultChecked={values?.scope === "some"} />
          Only the services I choose below
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
          Too many webhook registrations right now. Please try again in an hour.
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Registering..." : "Register webhook"}
      </Button>
    </form>
  );
}

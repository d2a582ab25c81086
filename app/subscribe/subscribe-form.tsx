"use client";
import { useActionState, useEffect, useRef } from "react";
import type { ComponentChoices } from "@/db/queries/subscribers";
import type { Locale } from "@/core/i18n/locales";
import { subscribeAction, type SubscribeState } from "./actions";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { Button } from "@/components/ui/button";

/**
 * The email sign-up. It works without JavaScript: the service picker is always in the HTML (CSS hides it
 * while "Everything" is picked, see .scope-choice in globals.css), and after an error every field shows
 * what was typed.
 */
/** The form's fixed words, translated by the page (a server component), so no catalog ships to the browser. */
export type SubscribeFormText = Record<
  | "checkInbox"
  | "checkInboxText"
  | "email"
  | "notifyAbout"
  | "everything"
  | "onlyChosen"
  | "tooMany"
  | "subscribing"
  | "submit",
  string
>;

export function SubscribeForm({
  choices,
  locale,
  text,
}: {
  choices: ComponentChoices;
  locale: Locale;
  text: SubscribeFormText;
}) {
  const [state, action, pending] = useActionState<SubscribeState, FormData>(subscribeAction, null);
  const emailRef = useRef<HTMLInputElement>(null);
  const errors = state?.status === "invalid" ? state.errors : {};
  const values = state && "values" in state ? state.values : undefined;
  useEffect(() => {
    if (errors.email) emailRef.current?.focus();
  }, [errors.email]);

  if (state?.status === "check-inbox") {
    return (
      <div
        role="status"
        className="rounded-md border border-green-300 bg-green-50 p-4 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
      >
        <h2 className="font-semibold">{text.checkInbox}</h2>
        <p className="mt-1">{text.checkInboxText}</p>
      </div>
    );
  }
  const some = values?.scope === "some";
  return (
    // key: the uncontrolled fields take the returned values as their defaults on each answer.
    <form key={JSON.stringify(values ?? null)} action={action} className="space-y-5" noValidate>
      {/* The subscriber's language (L2 stores it): their emails are written in it. */}
      <input type="hidden" name="language" value={locale} />
      <div>
        <label htmlFor="email" className="block font-medium">
          {text.email}
        </label>
        <input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={values?.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby="email-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        />
        <p id="email-error" aria-live="polite" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {errors.email?.[0]}
        </p>
      </div>
      {/* The honeypot: hidden from people and from assistive technology. */}
      <div aria-hidden="true" className="hidden">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <fieldset aria-describedby="components-error" className="scope-choice">
        <legend className="font-medium">{text.notifyAbout}</legend>
        <label className="mt-2 flex items-center gap-2">
          <input type="radio" name="scope" value="all" defaultChecked={!some} />
          {text.everything}
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="scope" value="some" defaultChecked={some} />
          {text.onlyChosen}
        </label>
        <div className="scope-services">
          <ServicePicker groups={choiceGroups(choices)} name="componentIds" selected={values?.componentIds} />
        </div>
        <p id="components-error" aria-live="polite" className="mt-1 text-sm text-red-700 dark:text-red-400">
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
        {pending ? text.subscribing : text.submit}
      </Button>
    </form>
  );
}

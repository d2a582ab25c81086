"use client";
import { useActionState, useEffect, useRef } from "react";
import { CHAT_PLATFORM_LABELS, CHAT_PLATFORMS } from "@/db/constants";
import type { ComponentChoices } from "@/db/queries/subscribers";
import type { Locale } from "@/core/i18n/locales";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { Button } from "@/components/ui/button";
import { subscribeChatAction, type ChatSubscribeState } from "./chat-actions";
import type { ChatFormText } from "./chat-form-text";

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900";
const error = "mt-1 text-sm text-red-700 dark:text-red-400";

/** Works without JavaScript: a plain form post to the Server Action, the picker always there. */
export function ChatSubscribeForm({
  choices,
  locale,
  text,
}: {
  choices: ComponentChoices;
  locale: Locale;
  text: ChatFormText;
}) {
  const [state, action, pending] = useActionState<ChatSubscribeState, FormData>(subscribeChatAction, null);
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
        <h2 className="font-semibold">{text.connectedHeading[state.platform]}</h2>
        <p>{text.connectedText}</p>
      </div>
    );
  }
  const platform = values?.platform ?? "slack";
  return (
    <form key={JSON.stringify(values ?? null)} action={action} className="space-y-5" noValidate>
      {/* The subscriber's language (L2 stores it): messages to them are written in it. */}
      <input type="hidden" name="language" value={locale} />
      <fieldset aria-describedby="platform-hint platform-error">
        <legend className="font-medium">{text.postTo}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {CHAT_PLATFORMS.map((p) => (
            <label key={p} className="flex items-center gap-2">
              <input type="radio" name="platform" value={p} defaultChecked={platform === p} />
              {CHAT_PLATFORM_LABELS[p]}
            </label>
          ))}
        </div>
        <ul id="platform-hint" className="mt-2 list-disc space-y-0.5 ps-5 text-sm text-slate-600 dark:text-slate-400">
          {CHAT_PLATFORMS.map((p) => (
            <li key={p}>
              {CHAT_PLATFORM_LABELS[p]}: {text.where[p]}
            </li>
          ))}
        </ul>
        <p id="platform-error" aria-live="polite" className={error}>
          {errors.platform?.[0]}
        </p>
      </fieldset>
      <div>
        <label htmlFor="chat-url" className="block font-medium">
          {text.url}
        </label>
        <p id="chat-url-hint" className="text-sm text-slate-600 dark:text-slate-400">
          {text.urlHint}
        </p>
        <input
          ref={urlRef}
          id="chat-url"
          name="url"
          type="url"
          inputMode="url"
          required
          maxLength={2000}
          defaultValue={values?.url}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby="chat-url-hint chat-url-error"
          className={input}
        />
        <p id="chat-url-error" aria-live="polite" className={`${error} break-words`}>
          {errors.url?.[0]}
        </p>
      </div>
      <div>
        <label htmlFor="chat-owner-email" className="block font-medium">
          {text.email}
        </label>
        <p id="chat-owner-email-hint" className="text-sm text-slate-600 dark:text-slate-400">
          {text.emailHint}
        </p>
        <input
          id="chat-owner-email"
          name="email"
          type="email"
          autoComplete="email"
          maxLength={254}
          defaultValue={values?.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby="chat-owner-email-hint chat-owner-email-error"
          className={input}
        />
        <p id="chat-owner-email-error" aria-live="polite" className={error}>
          {errors.email?.[0]}
        </p>
      </div>
      {/* The honeypot: hidden from people and from assistive technology. */}
      <div aria-hidden="true" className="hidden">
        <label htmlFor="chat-website">Website</label>
        <input id="chat-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <fieldset aria-describedby="chat-components-error">
        <legend className="font-medium">{text.postAbout}</legend>
        <label className="mt-2 flex items-center gap-2">
          <input type="radio" name="scope" value="all" defaultChecked={values?.scope !== "some"} />
          {text.everything}
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="scope" value="some" defaultChecked={values?.scope === "some"} />
          {text.onlyChosen}
        </label>
        <ServicePicker groups={choiceGroups(choices)} name="componentIds" selected={values?.componentIds} />
        <p id="chat-components-error" aria-live="polite" className={error}>
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
        {pending ? text.connecting : text.connect}
      </Button>
    </form>
  );
}

"use client";

import { useActionState, useState, type ReactNode } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import { CHAT_PLATFORM_LABELS, CHAT_PLATFORMS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { addChatAction, enableChatAction, removeChatAction } from "./actions";
import { buttonClass } from "@/components/ui/button";

const small = buttonClass("secondary", "sm");

export function AddChatForm({ picker }: { picker: ReactNode }) {
  const [state, action, pending] = useActionState(addChatAction, {} as FormState);
  const ref = useFocusOnError(state);
  const [scope, setScope] = useState(fieldValue(state, "scope", "all"));
  const platform = state.ok ? "slack" : fieldValue(state, "platform", "slack");
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      <fieldset aria-describedby={state.errors?.platform ? "chat-platform-error" : undefined}>
        <legend className="text-sm font-medium">Platform</legend>
        {CHAT_PLATFORMS.map((p) => (
          <label key={p} className="mt-1 flex items-center gap-2">
            <input type="radio" name="platform" value={p} defaultChecked={platform === p} />
            {CHAT_PLATFORM_LABELS[p]}
          </label>
        ))}
        {state.errors?.platform ? (
          <p id="chat-platform-error" className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
            {state.errors.platform.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <Field
        name="url"
        label="Incoming webhook URL"
        hint="From the channel's settings: a Slack incoming webhook, a Teams workflow, a Discord or a Google Chat webhook. We post a test message to it first."
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
          />
        )}
      </Field>
      <Field
        name="email"
        label="Owner email (optional)"
        hint="Told if the channel is disabled (its webhook was deleted, or it kept failing)."
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
      <fieldset aria-describedby={state.errors?.componentIds ? "chat-components-error" : undefined}>
        <legend className="text-sm font-medium">Post about</legend>
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
          <p id="chat-components-error" className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
            {state.errors.componentIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <SubmitButton pending={pending}>Connect channel</SubmitButton>
    </form>
  );
}

export function ChatControls({ id, name, disabled }: { id: string; name: string; disabled: boolean }) {
  const [enableState, enable, enabling] = useActionState(enableChatAction, {} as FormState);
  // Success redirects (the row goes away); what comes back is a refusal.
  const [removeState, remove, removing] = useActionState(removeChatAction, {} as FormState);
  const state = (enableState.at ?? 0) > (removeState.at ?? 0) ? enableState : removeState;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {disabled && (
        <form action={enable}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={enabling} className={small} aria-label={`Re-enable ${name}`}>
            Re-enable
          </button>
        </form>
      )}
      <form
        action={remove}
        onSubmit={(e) => !confirm(`Remove ${name}? It gets no more messages.`) && e.preventDefault()}
      >
        <input type="hidden" name="id" value={id} />
        <button type="submit" disabled={removing} className={small} aria-label={`Remove ${name}`}>
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

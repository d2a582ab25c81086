"use client";

import type { Locale } from "@/core/i18n/locales";
import type { ReactNode } from "react";
import { fieldValue } from "@/components/admin/form";
import { AddEndpointForm, EndpointControls } from "@/components/admin/endpoint-forms";
import { CHAT_PLATFORM_LABELS, CHAT_PLATFORMS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { addChatAction, enableChatAction, removeChatAction } from "./actions";

function PlatformChoice({ state }: { state: FormState }) {
  const platform = state.ok ? "slack" : fieldValue(state, "platform", "slack");
  return (
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
  );
}

export function AddChatForm({ picker, defaultLocale }: { picker: ReactNode; defaultLocale: Locale }) {
  return (
    <AddEndpointForm
      defaultLocale={defaultLocale}
      action={addChatAction}
      picker={picker}
      before={(state) => <PlatformChoice state={state} />}
      text={{
        kind: "chat",
        urlLabel: "Incoming webhook URL",
        urlHint:
          "From the channel's settings: a Slack incoming webhook, a Teams workflow, a Discord or a Google Chat webhook. We post a test message to it first.",
        ownerHint: "Told if the channel is disabled (its webhook was deleted, or it kept failing).",
        scopeLegend: "Post about",
        languageHint: "The channel's messages (their fixed words and dates) are written in it.",
        submit: "Connect channel",
      }}
    />
  );
}

export function ChatControls({ id, name, disabled }: { id: string; name: string; disabled: boolean }) {
  return (
    <EndpointControls
      id={id}
      disabled={disabled}
      actions={{ enable: enableChatAction, remove: removeChatAction }}
      text={{
        enable: `Re-enable ${name}`,
        remove: `Remove ${name}`,
        confirmRemove: `Remove ${name}? It gets no more messages.`,
      }}
    />
  );
}

"use client";

import type { ReactNode } from "react";
import type { Locale } from "@/core/i18n/locales";
import { AddEndpointForm, EndpointControls } from "@/components/admin/endpoint-forms";
import { inputClass } from "@/components/admin/form";
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

export function AddWebhookForm({ picker, defaultLocale }: { picker: ReactNode; defaultLocale: Locale }) {
  return (
    <AddEndpointForm
      defaultLocale={defaultLocale}
      action={addWebhookAction}
      picker={picker}
      before={(state) =>
        state.ok && state.reveal ? (
          <SecretOnce secret={String(state.reveal.secret)} url={String(state.reveal.url)} />
        ) : null
      }
      text={{
        kind: "webhook",
        urlLabel: "Webhook URL",
        urlHint: "An http(s) address on the public internet. We POST JSON to it.",
        urlPlaceholder: "https://hooks.example.com/status",
        ownerHint: "Told if the webhook is disabled after failing for about a day.",
        scopeLegend: "Send events about",
        languageHint: "Of the email to the owner if the webhook is switched off (the payloads are JSON).",
        submit: "Add webhook",
      }}
    />
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
  return (
    <EndpointControls
      id={id}
      disabled={disabled}
      pending={pending}
      actions={{ enable: enableWebhookAction, remove: removeWebhookAction, verify: resendVerificationAction }}
      text={{
        enable: `Re-enable webhook ${url}`,
        remove: `Remove webhook ${url}`,
        verify: `Re-send the verification ping to ${url}`,
        confirmRemove: `Remove the webhook ${url}? It gets no more events, and its delivery history is deleted.`,
      }}
    />
  );
}

"use client";
// The "Publish now" button and the member's own failure-email toggle of the settings page's publishing section.
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { publishAlertsAction, publishNowAction } from "./actions";

export function PublishNowButton() {
  const [state, run, pending] = useActionState(publishNowAction, {} as FormState);
  return (
    <form action={run} className="mt-4 space-y-2">
      <SubmitButton pending={pending}>Publish now</SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

export function PublishAlertsToggle({ on }: { on: boolean }) {
  const [state, run, pending] = useActionState(publishAlertsAction, {} as FormState);
  return (
    <form action={run} className="mt-4 space-y-2">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {on
          ? "You get an email when a target fails for more than 5 minutes, and when it publishes again."
          : "You get no email when a target keeps failing."}
      </p>
      <input type="hidden" name="on" value={on ? "false" : "true"} />
      <SubmitButton pending={pending}>
        {on ? "Stop emailing me about failures" : "Email me when publishing fails"}
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

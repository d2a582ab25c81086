"use client";
// The "Publish now" button of the settings page's publishing section.
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { publishNowAction } from "./actions";

export function PublishNowButton() {
  const [state, run, pending] = useActionState(publishNowAction, {} as FormState);
  return (
    <form action={run} className="mt-4 space-y-2">
      <SubmitButton pending={pending}>Publish now</SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

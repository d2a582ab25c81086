"use client";
// The second step of a destructive action: a page that says what will happen, and one button.
import Link from "next/link";
import { useActionState } from "react";
import type { FormState } from "@/services/auth/action";
import { FormStatus, SubmitButton } from "./form";

export function ConfirmForm({
  action,
  fields,
  confirmLabel,
  cancelHref,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  confirmLabel: string;
  cancelHref: string;
}) {
  const [state, run, pending] = useActionState(action, {} as FormState);
  return (
    <form action={run} className="mt-6 space-y-4">
      <FormStatus state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending} tone="danger">
          {confirmLabel}
        </SubmitButton>
        <Link href={cancelHref} className="font-medium underline">
          Cancel, keep it
        </Link>
      </div>
    </form>
  );
}

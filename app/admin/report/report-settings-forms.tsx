"use client";
// The report page's switches: the public /report (admins) and a member's own monthly email.
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { monthlyEmailAction, publicReportAction } from "./actions";

function Toggle({ on, action, labels }: { on: boolean; action: typeof publicReportAction; labels: [string, string] }) {
  const [state, run, pending] = useActionState(action, {} as FormState);
  return (
    <form action={run} className="space-y-2">
      <input type="hidden" name="on" value={on ? "false" : "true"} />
      <SubmitButton pending={pending}>{on ? labels[1] : labels[0]}</SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

export function PublicReportForm({ on }: { on: boolean }) {
  return <Toggle on={on} action={publicReportAction} labels={["Publish the report at /report", "Stop publishing"]} />;
}

export function MonthlyEmailForm({ on }: { on: boolean }) {
  return (
    <Toggle
      on={on}
      action={monthlyEmailAction}
      labels={["Email me “this month in IT” monthly", "Stop the monthly email"]}
    />
  );
}

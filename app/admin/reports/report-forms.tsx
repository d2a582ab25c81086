"use client";
// The triage page's forms: close a group, the spike rule, and a member's own spike alerts.
import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/services/auth/action";
import { closeGroupAction, spikeOptInAction, spikeRuleAction } from "./actions";

export function CloseGroupForm({ group, label }: { group: string; label: string }) {
  const [state, run, pending] = useActionState(closeGroupAction, {} as FormState);
  return (
    <form action={run} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="group" value={group} />
      <Button type="submit" name="state" value="handled" variant="secondary" size="sm" disabled={pending}>
        Mark handled<span className="sr-only"> ({label})</span>
      </Button>
      <Button type="submit" name="state" value="dismissed" variant="danger-outline" size="sm" disabled={pending}>
        Dismiss<span className="sr-only"> ({label})</span>
      </Button>
      <FormStatus state={state} />
    </form>
  );
}

export function SpikeRuleForm({ threshold, minutes }: { threshold: number; minutes: number }) {
  const [state, run, pending] = useActionState(spikeRuleAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={run} key={state.at} className="space-y-3" noValidate>
      <FormStatus state={state} />
      <div className="flex flex-wrap gap-4">
        <Field name="threshold" label="Reports about one service" state={state}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              defaultValue={fieldValue(state, "threshold", String(threshold))}
              className={`${inputClass} w-28`}
            />
          )}
        </Field>
        <Field name="minutes" label="Within minutes" state={state}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              defaultValue={fieldValue(state, "minutes", String(minutes))}
              className={`${inputClass} w-28`}
            />
          )}
        </Field>
      </div>
      <SubmitButton pending={pending}>Save spike rule</SubmitButton>
    </form>
  );
}

export function SpikeOptInForm({ on }: { on: boolean }) {
  const [state, run, pending] = useActionState(spikeOptInAction, {} as FormState);
  return (
    <form action={run} className="space-y-2">
      <input type="hidden" name="on" value={on ? "false" : "true"} />
      <SubmitButton pending={pending}>
        {on ? "Stop emailing me about spikes" : "Email me when reports spike"}
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

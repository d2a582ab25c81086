"use client";
// The small one-button forms of the monitor pages.
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { alertOptInAction, dismissDraftAction, pauseMonitorAction, publishDraftAction, runNowAction } from "./actions";

function OneButton({
  action,
  fields,
  label,
  tone,
}: {
  action: (s: FormState, d: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: React.ReactNode;
  tone?: "danger";
}) {
  const [state, run, pending] = useActionState(action, {} as FormState);
  const details = Array.isArray(state.reveal?.details) ? state.reveal.details : [];
  return (
    <form action={run} className="space-y-2">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton pending={pending} tone={tone}>
        {label}
      </SubmitButton>
      <FormStatus state={state} />
      {details.length > 0 && (
        <ul className="text-sm" aria-label="Check details">
          {details.map((d) => (
            <li key={d} className="break-all font-mono">
              {d}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

export function DraftButtons({ id, title }: { id: string; title: string }) {
  return (
    <div className="mt-1 flex flex-wrap gap-3">
      <OneButton
        action={publishDraftAction}
        fields={{ id }}
        label={
          <>
            Publish<span className="sr-only"> {title}</span>
          </>
        }
      />
      <OneButton
        action={dismissDraftAction}
        fields={{ id }}
        label={
          <>
            Dismiss<span className="sr-only"> {title}</span>
          </>
        }
        tone="danger"
      />
    </div>
  );
}

export function RunNow({ id }: { id: string }) {
  return <OneButton action={runNowAction} fields={{ id }} label="Run now" />;
}

export function PauseButton({ id, paused }: { id: string; paused: boolean }) {
  return (
    <OneButton
      action={pauseMonitorAction}
      fields={{ id, paused: paused ? "false" : "true" }}
      label={paused ? "Resume" : "Pause"}
    />
  );
}

export function AlertOptIn({ on }: { on: boolean }) {
  return (
    <OneButton
      action={alertOptInAction}
      fields={{ on: on ? "false" : "true" }}
      label={on ? "Stop emailing me when a monitor goes down" : "Email me when a monitor goes down"}
    />
  );
}

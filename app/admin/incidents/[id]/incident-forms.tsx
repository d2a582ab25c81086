"use client";

import { useActionState, useState } from "react";
import {
  CheckboxField,
  Field,
  FormStatus,
  SubmitButton,
  fieldValue,
  inputClass,
  useFocusOnError,
} from "@/components/admin/form";
import { MarkdownField } from "@/components/admin/markdown-field";
import { ServiceStatusPicker } from "@/components/admin/service-status-picker";
import type { PickerGroup } from "@/core/service-picker";
import {
  INCIDENT_STATUS_LABELS,
  LIMITS,
  POSTABLE_INCIDENT_STATUSES,
  type PostableIncidentStatus,
} from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { RESOLVED_DEFAULT_MESSAGE } from "@/services/console/incident-defaults";
import {
  editIncidentUpdateAction,
  postIncidentUpdateAction,
  publishPostmortemAction,
  savePostmortemAction,
} from "../actions";
import { Button } from "@/components/ui/button";

type FormStatusValue = PostableIncidentStatus;

export function PostUpdateForm({
  id,
  current,
  resolved,
  groups,
}: {
  id: string;
  current: FormStatusValue;
  resolved: boolean;
  groups: PickerGroup[];
}) {
  const [state, action, pending] = useActionState(postIncidentUpdateAction, {} as FormState);
  const ref = useFocusOnError(state);
  const initialStatus = fieldValue(state, "status", resolved ? "investigating" : current);
  const [status, setStatus] = useState<string>(initialStatus);
  // A new answer resets the choice (to what was typed, or to the incident's new status after a success).
  const [answeredAt, setAnsweredAt] = useState(state.at);
  if (answeredAt !== state.at) {
    setAnsweredAt(state.at);
    setStatus(initialStatus);
  }
  const checked = (name: string, fallback: boolean) => (state.values ? state.values[name] === "on" : fallback);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="space-y-5">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      {resolved && (
        <div className="rounded-md border border-amber-400 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
          <CheckboxField
            name="reopen"
            label="Reopen this incident"
            hint="It is resolved. Posting an update reopens it; to explain what happened afterwards, write a postmortem instead."
            defaultChecked={checked("reopen", false)}
          />
          {state.errors?.reopen && (
            <p className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">{state.errors.reopen.join(" ")}</p>
          )}
        </div>
      )}
      <Field name="status" label="Status" state={state}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value)} className={inputClass}>
            {POSTABLE_INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {INCIDENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <MarkdownField
        name="message"
        label="Message"
        state={state}
        hint={`Markdown; up to ${LIMITS.message.toLocaleString("en-US")} characters. Resolving with no message posts “${RESOLVED_DEFAULT_MESSAGE}”`}
      />
      <ServiceStatusPicker
        groups={groups}
        state={state}
        legend="Change services’ status (optional)"
        emptyLabel="No change"
      />
      {status === "resolved" && (
        <CheckboxField
          name="restoreComponents"
          label="Set affected services back to operational"
          hint="Except those you set above, and those another open incident still holds."
          defaultChecked={checked("restoreComponents", true)}
        />
      )}
      <CheckboxField name="notify" label="Notify subscribers" defaultChecked={checked("notify", true)} />
      <SubmitButton pending={pending}>Post update</SubmitButton>
    </form>
  );
}

export function EditUpdateForm({ id, updateId, body }: { id: string; updateId: string; body: string }) {
  const [state, action, pending] = useActionState(editIncidentUpdateAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={action} noValidate className="mt-2 space-y-3">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="updateId" value={updateId} />
      <MarkdownField
        name="message"
        label="Corrected text"
        state={state}
        initial={body}
        rows={4}
        idSuffix={`-${updateId}`}
        hint="Fixes the text everywhere it shows; subscribers are not notified again."
      />
      <SubmitButton pending={pending}>Save correction</SubmitButton>
    </form>
  );
}

/**
 * One form for the postmortem: Save draft and Publish both send what is in the box (publishing does not need a
 * saved draft first). The newer of the two answers is the one shown.
 */
export function PostmortemForms({ id, body, publishedAt }: { id: string; body: string; publishedAt: number | null }) {
  const [saveState, save, saving] = useActionState(savePostmortemAction, {} as FormState);
  const [publishState, publish, publishing] = useActionState(publishPostmortemAction, {} as FormState);
  const state = (publishState.at ?? 0) > (saveState.at ?? 0) ? publishState : saveState;
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={save} noValidate className="space-y-3">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <MarkdownField
        name="body"
        label="Postmortem"
        state={state}
        initial={body}
        rows={10}
        hint="Markdown. Save draft keeps it hidden; Publish shows this text to visitors."
      />
      <CheckboxField
        name="notify"
        idSuffix="-postmortem"
        label="Notify subscribers when publishing"
        hint={
          publishedAt
            ? "Already announced once: publishing again updates the text without mailing anyone."
            : "Subscribers get the postmortem once."
        }
        defaultChecked={!publishedAt}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={saving || publishing}>
          {saving ? "Working…" : "Save draft"}
        </Button>
        <Button type="submit" formAction={publish} disabled={saving || publishing}>
          {publishing ? "Working…" : publishedAt ? "Publish changes" : "Publish"}
        </Button>
      </div>
    </form>
  );
}

"use client";

import Link from "next/link";
import { useActionState } from "react";
import {
  CheckboxField,
  Field,
  FormStatus,
  SubmitButton,
  fieldList,
  fieldValue,
  inputClass,
  useFocusOnError,
} from "@/components/admin/form";
import { MarkdownField } from "@/components/admin/markdown-field";
import { ServicePicker } from "@/components/ui/service-picker";
import type { PickerGroup } from "@/core/service-picker";
import { INCIDENT_STATUS_LABELS, LIMITS, POSTABLE_MAINTENANCE_STATUSES, type MaintenanceStatus } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import {
  cancelMaintenanceAction,
  postMaintenanceUpdateAction,
  rescheduleMaintenanceAction,
  scheduleMaintenanceAction,
} from "./actions";

const checkedIn = (state: FormState, name: string, fallback: boolean) =>
  state.values ? state.values[name] === "on" : fallback;

function WindowFields({
  state,
  timeZone,
  initial,
}: {
  state: FormState;
  timeZone: string;
  initial?: { startsAt: string; endsAt: string };
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field name="startsAt" label={`Starts (${timeZone})`} state={state}>
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            step={1}
            defaultValue={fieldValue(state, "startsAt", initial?.startsAt)}
            className={inputClass}
          />
        )}
      </Field>
      <Field name="endsAt" label={`Ends (${timeZone})`} state={state}>
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            step={1}
            defaultValue={fieldValue(state, "endsAt", initial?.endsAt)}
            className={inputClass}
          />
        )}
      </Field>
    </div>
  );
}

export function ScheduleMaintenanceForm({ groups, timeZone }: { groups: PickerGroup[]; timeZone: string }) {
  const [state, action, pending] = useActionState(scheduleMaintenanceAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-2xl space-y-5">
      <FormStatus state={state} />
      <Field
        name="name"
        label="Name"
        hint={`e.g. “Email server upgrade”. Up to ${LIMITS.name} characters.`}
        state={state}
      >
        {(p) => <input {...p} required defaultValue={fieldValue(state, "name")} className={inputClass} />}
      </Field>
      <WindowFields state={state} timeZone={timeZone} />
      <ServicePicker
        groups={groups}
        name="services"
        legend="Affected services"
        selected={fieldList(state, "services")}
        errors={state.errors?.services}
        errorId="field-services-error"
      />
      <MarkdownField
        name="message"
        label="Message"
        state={state}
        hint={`What will happen and what people should expect. Markdown; up to ${LIMITS.message.toLocaleString("en-US")} characters.`}
      />
      <Field
        name="remindBeforeMinutes"
        label="Remind subscribers before the start (minutes)"
        hint="Leave empty for no reminder."
        state={state}
      >
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            defaultValue={fieldValue(state, "remindBeforeMinutes", "60")}
            className={inputClass}
          />
        )}
      </Field>
      <CheckboxField name="notify" label="Notify subscribers now" defaultChecked={checkedIn(state, "notify", true)} />
      <CheckboxField
        name="autoStart"
        label="Start automatically"
        hint="At the start time, without anyone pressing a button."
        defaultChecked={checkedIn(state, "autoStart", true)}
      />
      <CheckboxField
        name="autoComplete"
        label="Complete automatically"
        hint="At the end time."
        defaultChecked={checkedIn(state, "autoComplete", true)}
      />
      <CheckboxField
        name="setComponentsUnderMaintenance"
        label="Set the services under maintenance"
        hint="While the window is open; they go back to their previous status afterwards."
        defaultChecked={checkedIn(state, "setComponentsUnderMaintenance", true)}
      />
      <div>
        <CheckboxField
          name="backfill"
          label="Record a past window (backfill)"
          hint="For a window that has already ended: recorded as it happened, without notifications."
          defaultChecked={checkedIn(state, "backfill", false)}
        />
        {state.errors?.backfill && (
          <p className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">{state.errors.backfill.join(" ")}</p>
        )}
      </div>
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>Schedule maintenance</SubmitButton>
        <Link href="/admin/maintenance" className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

const STEP_LABELS: Record<string, string> = {
  in_progress: "Start (in progress)",
  verifying: "Verifying",
  completed: "Complete",
};

export function PostMaintenanceUpdateForm({ id, status }: { id: string; status: MaintenanceStatus }) {
  const [state, action, pending] = useActionState(postMaintenanceUpdateAction, {} as FormState);
  const ref = useFocusOnError(state);
  const steps = POSTABLE_MAINTENANCE_STATUSES.filter((s) => s !== "scheduled" && s !== status);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="space-y-5">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <Field name="status" label="Status" state={state}>
        {(p) => (
          <select {...p} defaultValue={fieldValue(state, "status", status)} className={inputClass}>
            <option value={status}>Keep: {INCIDENT_STATUS_LABELS[status]} (a plain update)</option>
            {steps.map((s) => (
              <option key={s} value={s}>
                {STEP_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <MarkdownField
        name="message"
        label="Message"
        state={state}
        hint="Required for a plain update; a status step has a default text."
      />
      <CheckboxField name="notify" label="Notify subscribers" defaultChecked={checkedIn(state, "notify", true)} />
      <SubmitButton pending={pending}>Post update</SubmitButton>
    </form>
  );
}

export function RescheduleForm({
  id,
  timeZone,
  initial,
}: {
  id: string;
  timeZone: string;
  initial: { startsAt: string; endsAt: string };
}) {
  const [state, action, pending] = useActionState(rescheduleMaintenanceAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="space-y-5">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <WindowFields state={state} timeZone={timeZone} initial={initial} />
      <Field
        name="message"
        label="Note (optional)"
        hint="Without one, the timeline says which window moved to which."
        state={state}
        idSuffix="-reschedule"
      >
        {(p) => <textarea {...p} rows={2} defaultValue={fieldValue(state, "message")} className={inputClass} />}
      </Field>
      <CheckboxField
        name="notify"
        idSuffix="-reschedule"
        label="Notify subscribers of the new window"
        defaultChecked={checkedIn(state, "notify", true)}
      />
      <SubmitButton pending={pending}>Save new window</SubmitButton>
    </form>
  );
}

export function CancelMaintenanceForm({ id }: { id: string }) {
  const [state, action, pending] = useActionState(cancelMaintenanceAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} action={action} noValidate className="mt-6 space-y-5">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <Field
        name="message"
        label="Message (optional)"
        hint="Without one: “This maintenance has been cancelled.”"
        state={state}
      >
        {(p) => <textarea {...p} rows={3} defaultValue={fieldValue(state, "message")} className={inputClass} />}
      </Field>
      <CheckboxField name="notify" label="Notify subscribers" defaultChecked={checkedIn(state, "notify", true)} />
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending} tone="danger">
          Cancel maintenance
        </SubmitButton>
        <Link href={`/admin/maintenance/${id}`} className="font-medium underline">
          Keep it
        </Link>
      </div>
    </form>
  );
}

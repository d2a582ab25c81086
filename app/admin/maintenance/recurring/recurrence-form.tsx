"use client";

import Link from "next/link";
import { useActionState, useState, useSyncExternalStore } from "react";
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
import { LIMITS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { FREQUENCIES } from "@/services/console/recurrence-form";
import { createRecurrenceAction, stopRecurrenceAction } from "./actions";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ORDINALS: [string, string][] = [
  ["1", "First"],
  ["2", "Second"],
  ["3", "Third"],
  ["4", "Fourth"],
  ["-1", "Last"],
];
const checkedIn = (state: FormState, name: string, fallback: boolean) =>
  state.values ? state.values[name] === "on" : fallback;
const sub = "rounded-md border border-slate-300 p-3 dark:border-slate-700";
const noSubscription = () => () => {};

function Error({ state, name }: { state: FormState; name: string }) {
  const errors = state.errors?.[name];
  return errors?.length ? (
    <p id={`field-${name}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
      {errors.join(" ")}
    </p>
  ) : null;
}

// No day is ticked until someone ticks one: a default day would be added to the ones they choose.
function DayCheckboxes({ state, hidden }: { state: FormState; hidden: boolean }) {
  const chosen = new Set(state.values?.days?.split(",") ?? []);
  const invalid = Boolean(state.errors?.days?.length);
  return (
    <fieldset hidden={hidden} aria-describedby={invalid ? "field-days-error" : undefined}>
      <legend className="text-sm font-medium">On</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {DAYS.map((d, i) => (
          <span key={d} className="flex items-center gap-1.5">
            <input
              id={`field-day-${i}`}
              type="checkbox"
              name="days"
              value={i}
              defaultChecked={chosen.has(String(i))}
              aria-invalid={invalid}
              className="size-4"
            />
            <label htmlFor={`field-day-${i}`} className="text-sm">
              {d}
            </label>
          </span>
        ))}
      </div>
      <Error state={state} name="days" />
    </fieldset>
  );
}

export function RecurrenceForm({ groups, timeZone }: { groups: PickerGroup[]; timeZone: string }) {
  const [state, action, pending] = useActionState(createRecurrenceAction, {} as FormState);
  const ref = useFocusOnError(state);
  const [frequency, setFrequency] = useState(fieldValue(state, "frequency", "weekly"));
  // Until the script runs every kind's fields show (the server reads only the chosen kind's); after, only
  // the chosen kind's do.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const hide = (...kinds: string[]) => enhanced && !kinds.includes(frequency);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-2xl space-y-5">
      <FormStatus state={state} />
      <Field
        name="name"
        label="Name"
        hint={`Each occurrence is a maintenance with this name. Up to ${LIMITS.name} characters.`}
        state={state}
      >
        {(p) => <input {...p} required defaultValue={fieldValue(state, "name")} className={inputClass} />}
      </Field>
      <MarkdownField
        name="message"
        label="Message"
        state={state}
        hint="What happens in each window and what people should expect."
      />
      <Field
        name="frequency"
        label="Repeats"
        hint={enhanced ? undefined : "Only the fields for the chosen kind of repetition below are used."}
        state={state}
      >
        {(p) => (
          <select {...p} value={frequency} onChange={(e) => setFrequency(e.target.value)} className={inputClass}>
            {Object.entries(FREQUENCIES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div hidden={hide("weekly", "daily")} className={`${sub} space-y-3`}>
        <p className="text-sm font-semibold" hidden={enhanced}>
          Weekly, or every few days
        </p>
        <DayCheckboxes state={state} hidden={hide("weekly")} />
        <Field
          name="interval"
          label="Every how many weeks (or days)"
          hint="1 for every week (or day); 2 for every other."
          state={state}
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              defaultValue={fieldValue(state, "interval", "1")}
              className={`${inputClass} max-w-32`}
            />
          )}
        </Field>
      </div>
      <div hidden={hide("monthly_weekday")} className={`${sub} grid gap-3 sm:grid-cols-2`}>
        <p className="text-sm font-semibold sm:col-span-2" hidden={enhanced}>
          Monthly, on a weekday
        </p>
        <Field name="nth" label="Which" state={state}>
          {(p) => (
            <select {...p} defaultValue={fieldValue(state, "nth", "1")} className={inputClass}>
              {ORDINALS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="weekday" label="Weekday" state={state}>
          {(p) => (
            <select {...p} defaultValue={fieldValue(state, "weekday", "2")} className={inputClass}>
              {DAYS.map((d, i) => (
                <option key={d} value={i}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div hidden={hide("monthly_day")} className={sub}>
        <Field name="monthDay" label="Monthly, on day" state={state}>
          {(p) => (
            <select {...p} defaultValue={fieldValue(state, "monthDay", "1")} className={`${inputClass} max-w-48`}>
              {Array.from({ length: 28 }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
              <option value="-1">Last day of the month</option>
            </select>
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="startTime" label={`Starts at (${timeZone})`} state={state}>
          {(p) => (
            <input {...p} type="time" defaultValue={fieldValue(state, "startTime", "02:00")} className={inputClass} />
          )}
        </Field>
        <Field name="durationMinutes" label="Lasts (minutes)" state={state}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              defaultValue={fieldValue(state, "durationMinutes", "60")}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <ServicePicker
        groups={groups}
        name="services"
        legend="Affected services"
        selected={fieldList(state, "services")}
        errors={state.errors?.services}
        errorId="field-services-error"
      />
      <Field
        name="remindBeforeMinutes"
        label="Remind subscribers before each start (minutes)"
        hint="Leave empty for no reminder. Occurrences are announced by this reminder, not when they are created."
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
      <CheckboxField
        name="autoStart"
        label="Start each occurrence automatically"
        defaultChecked={checkedIn(state, "autoStart", true)}
      />
      <CheckboxField
        name="autoComplete"
        label="Complete each occurrence automatically"
        defaultChecked={checkedIn(state, "autoComplete", true)}
      />
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>Save recurring maintenance</SubmitButton>
        <Link href="/admin/maintenance/recurring" className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

export function StopRecurrenceForm({ id, upcoming }: { id: string; upcoming: number }) {
  const [state, action, pending] = useActionState(stopRecurrenceAction, {} as FormState);
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      {upcoming > 0 && (
        <CheckboxField
          name="cancelUpcoming"
          label={`Also cancel the ${upcoming} occurrence${upcoming === 1 ? "" : "s"} already scheduled`}
          hint="Leave unchecked to keep them; each can still be edited or cancelled on its own."
          defaultChecked
        />
      )}
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending} tone="danger">
          Stop repeating
        </SubmitButton>
        <Link href="/admin/maintenance/recurring" className="font-medium underline">
          Cancel, keep it
        </Link>
      </div>
    </form>
  );
}

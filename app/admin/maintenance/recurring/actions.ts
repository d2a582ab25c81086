"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { typedValues, adminAction, type FormState } from "@/services/auth/action";
import { doneHref } from "@/services/console/done";
import { checkbox, entityId } from "@/services/console/fields";
import { actorOf, checkedServices, keepServices, runVerb } from "@/services/console/domain-actions";
import { ruleChoiceFrom } from "@/services/console/recurrence-form";
import { ruleText } from "@/core/recurrence";
import { createRecurrence, stopRecurrence } from "@/services/incidents/recurrence";

const text = z.string().max(1_000_000).default("");
const short = z.string().max(40).default("");
const FIELD_NAMES = { componentIds: "services", rule: "frequency" };

function refresh() {
  revalidatePath("/admin/maintenance");
  revalidatePath("/admin/maintenance/recurring");
  revalidatePath("/");
}

/** Checked services and days go back to the form as comma-separated values. */
function keepChecked(state: FormState, formData: FormData): FormState {
  const kept = keepServices(state, formData);
  return { ...kept, values: { ...kept.values, days: formData.getAll("days").join(",") } };
}

function minutes(value: string, max: number): number | null {
  const n = Number(value);
  return value.trim() !== "" && Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

export const createRecurrenceAction = adminAction(
  "editor",
  z.object({
    name: text,
    message: text,
    frequency: short,
    interval: short,
    nth: short,
    weekday: short,
    monthDay: short,
    startTime: short,
    durationMinutes: short,
    remindBeforeMinutes: short,
    autoStart: checkbox,
    autoComplete: checkbox,
  }),
  (data, ctx, formData) => {
    const errors: Record<string, string[]> = {};
    const rule = ruleChoiceFrom({
      ...data,
      days: formData.getAll("days").filter((d): d is string => typeof d === "string"),
    });
    if ("errors" in rule) Object.assign(errors, rule.errors);
    const duration = minutes(data.durationMinutes, 24 * 60);
    if (duration === null) errors.durationMinutes = ["Enter whole minutes from 1 to 1440 (24 hours)."];
    const remind = data.remindBeforeMinutes === "" ? null : minutes(data.remindBeforeMinutes, 7 * 24 * 60);
    if (data.remindBeforeMinutes !== "" && remind === null)
      errors.remindBeforeMinutes = ["Enter whole minutes from 1 to 10080 (a week), or leave empty for no reminder."];
    if (Object.keys(errors).length || "errors" in rule || duration === null) {
      return keepChecked(
        {
          ok: false,
          message: "Please correct the fields marked below.",
          errors,
          values: typedValues(formData),
          at: Date.now(),
        },
        formData,
      );
    }
    const outcome = runVerb(
      formData,
      () =>
        createRecurrence(getDb(), actorOf(ctx), {
          name: data.name,
          message: data.message,
          rule: ruleText(rule.choice),
          startTime: data.startTime,
          durationMinutes: duration,
          componentIds: checkedServices(formData),
          remindBeforeMinutes: remind,
          autoStart: data.autoStart,
          autoComplete: data.autoComplete,
        }),
      FIELD_NAMES,
    );
    if (!outcome.ok) return keepChecked(outcome.state, formData);
    refresh();
    const n = outcome.value.created;
    redirect(doneHref("/admin/maintenance/recurring", "recurrence-saved", n));
  },
);

export const stopRecurrenceAction = adminAction(
  "editor",
  z.object({ id: entityId, cancelUpcoming: checkbox }),
  ({ id, cancelUpcoming }, ctx, formData) => {
    const outcome = runVerb(formData, () => stopRecurrence(getDb(), actorOf(ctx), id, { cancelUpcoming }));
    if (!outcome.ok) return outcome.state;
    refresh();
    const n = outcome.value.cancelled;
    redirect(
      cancelUpcoming
        ? doneHref("/admin/maintenance/recurring", "recurrence-stopped-cancelled", n)
        : doneHref("/admin/maintenance/recurring", "recurrence-stopped"),
    );
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { LIMITS, POSTABLE_MAINTENANCE_STATUSES } from "@/db/constants";
import { findConsoleMaintenance } from "@/db/queries/console-maintenance";
import { getThePage } from "@/db/queries/settings";
import { adminAction, typedValues, type FormState } from "@/services/auth/action";
import { doneHref } from "@/services/console/done";
import { checkbox, entityId } from "@/services/console/fields";
import { actorOf, checkedServices, fromLocalDateTime, keepServices, runVerb } from "@/services/console/domain-actions";
import {
  cancelMaintenance,
  postMaintenanceUpdate,
  rescheduleMaintenance,
  scheduleMaintenance,
} from "@/services/incidents/maintenance-verbs";

// The verbs validate names, messages, windows and services; these schemas only decode the form.
const text = z.string().max(1_000_000).default("");
const optionalMessage = z
  .string()
  .trim()
  .max(LIMITS.message, { error: `Use at most ${LIMITS.message.toLocaleString("en-US")} characters.` })
  .default("")
  .transform((v) => v || undefined);
/** The form's names for the verbs' fields. */
const FIELD_NAMES = { scheduledFor: "startsAt", scheduledUntil: "endsAt", componentIds: "services" };

function refresh(id?: string) {
  revalidatePath("/admin/maintenance");
  if (id) {
    revalidatePath(`/admin/maintenance/${id}`);
    revalidatePath(`/incidents/${id}`);
  }
  revalidatePath("/");
}

function fieldErrors(errors: Record<string, string[]>, formData: FormData): FormState {
  return {
    ok: false,
    message: "Please correct the fields marked below.",
    errors,
    values: typedValues(formData),
    at: Date.now(),
  };
}

/** Reads the start and end inputs in the page's zone; errors name the field. */
function readWindow(
  startsAt: string,
  endsAt: string,
): { errors: Record<string, string[]> } | { scheduledFor: number; scheduledUntil: number } {
  const zone = getThePage(getDb()).timeZone;
  const from = fromLocalDateTime(startsAt, zone);
  const until = fromLocalDateTime(endsAt, zone);
  const errors: Record<string, string[]> = {};
  if (from === null) errors.startsAt = ["Enter a date and time."];
  if (until === null) errors.endsAt = ["Enter a date and time."];
  return from === null || until === null ? { errors } : { scheduledFor: from, scheduledUntil: until };
}

export const scheduleMaintenanceAction = adminAction(
  "editor",
  z.object({
    name: text,
    message: text,
    startsAt: z.string().max(40).default(""),
    endsAt: z.string().max(40).default(""),
    notify: checkbox,
    remindBeforeMinutes: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || /^\d{1,6}$/.test(v), { error: "Enter whole minutes, or leave empty for no reminder." })
      .transform((v) => (v === "" ? null : Number(v))),
    autoStart: checkbox,
    autoComplete: checkbox,
    setComponentsUnderMaintenance: checkbox,
    backfill: checkbox,
  }),
  ({ startsAt, endsAt, ...data }, ctx, formData) => {
    const window = readWindow(startsAt, endsAt);
    if ("errors" in window) return keepServices(fieldErrors(window.errors, formData), formData);
    const outcome = runVerb(
      formData,
      () => scheduleMaintenance(getDb(), actorOf(ctx), { ...data, ...window, componentIds: checkedServices(formData) }),
      FIELD_NAMES,
    );
    if (!outcome.ok) return keepServices(outcome.state, formData);
    refresh(outcome.value.id);
    redirect(doneHref(`/admin/maintenance/${outcome.value.id}`, "maintenance-scheduled"));
  },
);

export const postMaintenanceUpdateAction = adminAction(
  "editor",
  z.object({
    id: entityId,
    status: z.enum(POSTABLE_MAINTENANCE_STATUSES, { error: "Choose a status from the list." }),
    message: optionalMessage,
    notify: checkbox,
  }),
  ({ id, ...data }, ctx, formData) => {
    const outcome = runVerb(formData, () => postMaintenanceUpdate(getDb(), actorOf(ctx), id, data));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    return { message: "Update posted." };
  },
);

export const rescheduleMaintenanceAction = adminAction(
  "editor",
  z.object({
    id: entityId,
    startsAt: z.string().max(40).default(""),
    endsAt: z.string().max(40).default(""),
    message: optionalMessage,
    notify: checkbox,
  }),
  ({ id, startsAt, endsAt, ...data }, ctx, formData) => {
    const window = readWindow(startsAt, endsAt);
    if ("errors" in window) return fieldErrors(window.errors, formData);
    // The inputs show whole seconds: a start left as shown keeps its exact stored value (a started window's
    // start cannot move).
    const stored = findConsoleMaintenance(getDb(), getThePage(getDb()).id, id)?.scheduledFor;
    if (stored != null && Math.floor(stored / 1000) === Math.floor(window.scheduledFor / 1000))
      window.scheduledFor = stored;
    const outcome = runVerb(
      formData,
      () => rescheduleMaintenance(getDb(), actorOf(ctx), id, { ...data, ...window }),
      FIELD_NAMES,
    );
    if (!outcome.ok) return outcome.state;
    refresh(id);
    return { message: "New window saved." };
  },
);

export const cancelMaintenanceAction = adminAction(
  "editor",
  z.object({ id: entityId, message: optionalMessage, notify: checkbox }),
  ({ id, ...data }, ctx, formData) => {
    const outcome = runVerb(formData, () => cancelMaintenance(getDb(), actorOf(ctx), id, data));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    redirect(doneHref(`/admin/maintenance/${id}`, "maintenance-cancelled"));
  },
);

// Glue between the console's Server Actions and the domain verbs: who acts, the verbs' expected failures as
// per-field form errors, and the form encodings the incident and maintenance forms share.
import { typedValues, type FormState } from "@/services/auth/action";
import type { ActionContext } from "@/services/auth/dal";
import type { Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { zonedToUtc } from "@/core/time-zone";

export function actorOf(ctx: ActionContext): Actor {
  return { type: "user", userId: ctx.user.id, label: ctx.user.email, role: ctx.user.role, ip: ctx.ip };
}

/**
 * Runs a verb; a DomainError becomes form state with its per-field messages (unexpected errors still throw).
 * `fieldNames` renames the verb's input fields to the form's where they differ.
 */
export function runVerb<T>(
  formData: FormData,
  verb: () => T,
  fieldNames: Record<string, string> = {},
): { ok: true; value: T } | { ok: false; state: FormState } {
  try {
    return { ok: true, value: verb() };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const errors: Record<string, string[]> = {};
    for (const [field, message] of Object.entries(err.fields))
      errors[fieldNames[field] ?? field] = [message.endsWith(".") ? message : `${message}.`];
    // Field problems are spelled out next to each field; the summary only says where to look.
    const message =
      err.code === "invalid" && Object.keys(errors).length
        ? "Please correct the fields marked below."
        : `${err.message}.`;
    return { ok: false, state: { ok: false, message, errors, values: typedValues(formData), at: Date.now() } };
  }
}

/** The form names each affected service's select `service:<id>`; an empty choice means "not affected". */
export const SERVICE_FIELD_PREFIX = "service:";

export function serviceStatusesFrom(formData: FormData): Record<string, string> {
  const statuses: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith(SERVICE_FIELD_PREFIX) && typeof value === "string" && value)
      statuses[key.slice(SERVICE_FIELD_PREFIX.length)] = value;
  }
  return statuses;
}

/** Checkboxes named `services` (maintenance, templates). */
export function checkedServices(formData: FormData): string[] {
  return formData.getAll("services").filter((v): v is string => typeof v === "string" && v !== "");
}

/** Form state keeps one value per name; the checked services go back as one comma-separated value. */
export function keepServices(state: FormState, formData: FormData): FormState {
  return { ...state, values: { ...state.values, services: checkedServices(formData).join(",") } };
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** A datetime-local value (seconds optional) read as wall-clock time in the page's zone; null when it is not one. */
export function fromLocalDateTime(value: string, timeZone: string): number | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = m
    .slice(1)
    .filter((v) => v !== undefined)
    .map(Number);
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return null;
  // Zone offsets are whole minutes, so seconds add on after the conversion.
  return zonedToUtc(year, month, day, hour, minute, timeZone) + second * 1000;
}

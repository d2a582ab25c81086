// The wrapper every console Server Action is built with: authorise first, then parse the FormData with zod,
// then run. Expected failures come back as form state (per-field errors, the typed values minus secrets);
// a database that cannot save (read-only, full) is one of them: "try again in a minute", not a bare 500.
// Unexpected ones throw to error.tsx.
import "server-only";
import { z } from "zod";
import type { UserRole } from "@/db/constants";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, unavailableReason } from "@/db/unavailable";
import { authorize, type ActionContext } from "./dal";

export interface FormState {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string[] | undefined>;
  /** What was typed, to put back in the form. Never passwords, codes or files. */
  values?: Record<string, string>;
  /** Something shown once on purpose (a new TOTP secret, recovery codes); never a password. */
  reveal?: Record<string, string | string[]>;
  /** Increases with every answer, so the form can announce and move focus even when the text repeats. */
  at?: number;
}

const SECRET_FIELD = /password|code|token|secret/i;

export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$") || SECRET_FIELD.test(key) || typeof value !== "string") continue;
    values[key] = value;
  }
  return values;
}

export function formInput(formData: FormData): Record<string, FormDataEntryValue> {
  const input: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData.entries()) if (!key.startsWith("$")) input[key] = value;
  return input;
}

export function invalid(error: z.ZodError, formData: FormData): FormState {
  return {
    ok: false,
    message: "Please correct the fields marked below.",
    errors: z.flattenError(error).fieldErrors as Record<string, string[]>,
    values: typedValues(formData),
    at: Date.now(),
  };
}

/** The answer of any form whose save failed because the database cannot write: what was typed stays. */
export function unavailableState(formData: FormData): FormState {
  return { ok: false, message: DATABASE_UNAVAILABLE_MESSAGE, values: typedValues(formData), at: Date.now() };
}

/**
 * Wraps any Server Action (the console's, sign-in, subscribe) so a database that cannot save answers with
 * `answer` (usually unavailableState) instead of throwing; every other error, redirects included, passes on.
 */
export function answerWhenDatabaseCannotSave<P, R>(
  action: (previous: P, formData: FormData) => Promise<R>,
  answer: (formData: FormData) => R | Promise<R>,
) {
  return async (previous: P, formData: FormData): Promise<R> => {
    try {
      return await action(previous, formData);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      console.error(`form: database cannot save: ${unavailableReason(err)}`);
      return answer(formData);
    }
  };
}

export function adminAction<S extends z.ZodType>(
  role: UserRole,
  schema: S,
  run: (data: z.output<S>, ctx: ActionContext, formData: FormData) => Promise<FormState | void> | FormState | void,
  options: { allowWithoutTwoFactor?: boolean } = {},
) {
  return answerWhenDatabaseCannotSave(async (_previous: FormState, formData: FormData): Promise<FormState> => {
    const ctx = await authorize(role, options);
    if ("error" in ctx) return { ok: false, message: ctx.error, at: Date.now() };
    const parsed = schema.safeParse(formInput(formData));
    if (!parsed.success) return invalid(parsed.error, formData);
    const result = await run(parsed.data, ctx, formData);
    return { ok: true, ...result, at: Date.now() };
  }, unavailableState);
}

"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { LIMITS } from "@/db/constants";
import { answerWhenDatabaseCannotSave, unavailableState, type FormState } from "@/services/auth/action";
import { PASSWORD_RESET_LIFETIME, RESET_ANSWER_FLOOR_MS, requestPasswordReset } from "@/services/auth/password-reset";
import { describeWait } from "@/services/auth/policy";
import { clientAddress, isCrossSite } from "@/services/auth/request";

const schema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "Enter your email address." })
    .max(LIMITS.email, { error: "This email address is too long." })
    .regex(/^[^\u0000-\u001f\u007f]*$/, { error: "Remove the control characters from the email address." })
    .pipe(z.email({ error: "Enter an email address like name@example.org." })),
});

/** Public on purpose: anyone may ask; the answer is the same whether or not the address has an account. */
async function requestPasswordResetActionUnguarded(_previous: FormState, formData: FormData): Promise<FormState> {
  const h = await headers();
  if (isCrossSite(h))
    return { ok: false, message: "This request came from another site and was refused.", at: Date.now() };
  const typed = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  const parsed = schema.safeParse({ email: typed });
  if (!parsed.success) {
    return {
      ok: false,
      message: "Please correct the field marked below.",
      errors: z.flattenError(parsed.error).fieldErrors,
      values: { email: typed },
      at: Date.now(),
    };
  }
  const started = Date.now();
  const result = requestPasswordReset(getDb(), { email: parsed.data.email, ip: clientAddress(h), now: started });
  // Known and unknown addresses answer after the same time (see RESET_ANSWER_FLOOR_MS).
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + RESET_ANSWER_FLOOR_MS - Date.now())));
  if (result.kind === "throttled") {
    return {
      ok: false,
      message: `Too many reset requests for this address or from your network. Wait ${describeWait(result.retryAfterMs)} and try again.`,
      values: { email: typed },
      at: Date.now(),
    };
  }
  const minutes = PASSWORD_RESET_LIFETIME / 60_000;
  return {
    ok: true,
    message: `If ${parsed.data.email.toLowerCase()} belongs to a member of the team, a link to reset the password is on its way to it. The link works once, for ${minutes} minutes.`,
    values: { email: typed },
    at: Date.now(),
  };
}

// A database that cannot save answers "try again in a minute" instead of a 500.
export const requestPasswordResetAction = answerWhenDatabaseCannotSave(
  requestPasswordResetActionUnguarded,
  unavailableState,
);

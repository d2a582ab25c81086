"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { answerWhenDatabaseCannotSave, unavailableState, type FormState } from "@/services/auth/action";
import { withNewPassword } from "@/services/auth/password-change";
import { completePasswordReset } from "@/services/auth/password-reset";
import { clientAddress, isCrossSite } from "@/services/auth/request";

const schema = withNewPassword({ token: z.string().min(1).max(200) });

/** Public on purpose: the single-use token in the link is the authorisation. */
async function resetPasswordActionUnguarded(_previous: FormState, formData: FormData): Promise<FormState> {
  const h = await headers();
  if (isCrossSite(h))
    return { ok: false, message: "This request came from another site and was refused.", at: Date.now() };
  const parsed = schema.safeParse({
    token: formData.get("token") ?? "",
    password: formData.get("password") ?? "",
    confirmPassword: formData.get("confirmPassword") ?? "",
  });
  if (!parsed.success)
    return {
      ok: false,
      message: "Please correct the fields marked below.",
      errors: z.flattenError(parsed.error).fieldErrors,
      at: Date.now(),
    };
  const result = await completePasswordReset(getDb(), {
    token: parsed.data.token,
    newPassword: parsed.data.password,
    ip: clientAddress(h),
    now: Date.now(),
  });
  if (!result.ok) {
    return result.field
      ? {
          ok: false,
          message: "Please correct the fields marked below.",
          errors: { [result.field]: [result.message] },
          at: Date.now(),
        }
      : { ok: false, message: result.message, at: Date.now() };
  }
  redirect("/login?notice=password-reset");
}

// A database that cannot save answers "try again in a minute" instead of a 500.
export const resetPasswordAction = answerWhenDatabaseCannotSave(resetPasswordActionUnguarded, unavailableState);

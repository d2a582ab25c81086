"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { LIMITS } from "@/db/constants";
import { answerWhenDatabaseCannotSave, typedValues, unavailableState, type FormState } from "@/services/auth/action";
import { sessionCookieOptions } from "@/services/auth/dal";
import { withNewPassword } from "@/services/auth/password-change";
import { SESSION_COOKIE } from "@/services/auth/policy";
import { clientAddress, isCrossSite } from "@/services/auth/request";
import { acceptInvitation } from "@/services/console/team";
import { singleLine } from "@/core/text-input";

const schema = withNewPassword({
  token: z.string().min(1).max(200),
  name: singleLine(
    z
      .string()
      .trim()
      .min(1, { error: "Enter your name." })
      .max(LIMITS.name, { error: `Use at most ${LIMITS.name} characters.` }),
  ),
});

/** Public on purpose: the single-use token in the link is the authorisation. */
async function acceptInvitationActionUnguarded(_previous: FormState, formData: FormData): Promise<FormState> {
  const h = await headers();
  if (isCrossSite(h))
    return { ok: false, message: "This request came from another site and was refused.", at: Date.now() };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const values = typedValues(formData);
    delete values.token;
    return {
      ok: false,
      message: "Please correct the fields marked below.",
      errors: z.flattenError(parsed.error).fieldErrors,
      values,
      at: Date.now(),
    };
  }
  const result = await acceptInvitation(
    getDb(),
    parsed.data.token,
    { name: parsed.data.name, password: parsed.data.password, ip: clientAddress(h), userAgent: h.get("user-agent") },
    Date.now(),
  );
  if (!result.ok) return { ok: false, message: result.message, at: Date.now() };
  (await cookies()).set(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(result.expiresAt));
  redirect("/admin");
}

// A database that cannot save answers "try again in a minute" instead of a 500.
export const acceptInvitationAction = answerWhenDatabaseCannotSave(acceptInvitationActionUnguarded, unavailableState);

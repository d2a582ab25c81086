"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { answerWhenDatabaseCannotSave, unavailableState, type FormState } from "@/services/auth/action";
import { getSession, sessionCookieOptions } from "@/services/auth/dal";
import { describeWait, SESSION_COOKIE } from "@/services/auth/policy";
import { clientAddress, isCrossSite } from "@/services/auth/request";
import { endSession } from "@/services/auth/sessions";
import { completeSignInWithCode } from "@/services/auth/two-factor";

const schema = z.object({
  code: z.string().trim().min(1, { error: "Enter the code from your app or a recovery code." }).max(40),
});

async function twoFactorActionUnguarded(_previous: FormState, formData: FormData): Promise<FormState> {
  const h = await headers();
  if (isCrossSite(h))
    return { ok: false, message: "This request came from another site and was refused.", at: Date.now() };
  const session = await getSession();
  if (!session?.pendingTwoFactor)
    return { ok: false, message: "Your sign-in has expired. Start again with your password.", at: Date.now() };
  const parsed = schema.safeParse({ code: formData.get("code") ?? "" });
  if (!parsed.success)
    return {
      ok: false,
      message: "Please correct the field marked below.",
      errors: z.flattenError(parsed.error).fieldErrors,
      at: Date.now(),
    };
  const result = completeSignInWithCode(getDb(), {
    tokenHash: session.tokenHash,
    userId: session.user.id,
    code: parsed.data.code,
    ip: clientAddress(h),
    userAgent: h.get("user-agent"),
    now: Date.now(),
  });
  if (!result.ok) {
    if ("throttledMs" in result) {
      endSession(getDb(), (await cookies()).get(SESSION_COOKIE)?.value);
      return {
        ok: false,
        message: `Too many wrong codes. Wait ${describeWait(result.throttledMs)} and sign in again.`,
        at: Date.now(),
      };
    }
    return {
      ok: false,
      message: "Please correct the field marked below.",
      errors: { code: [result.message] },
      at: Date.now(),
    };
  }
  // The session token changes with the second step (services/auth/two-factor.ts).
  (await cookies()).set(SESSION_COOKIE, result.token, sessionCookieOptions(result.expiresAt));
  redirect("/admin");
}

// A database that cannot save answers "try again in a minute" instead of a 500.
export const twoFactorAction = answerWhenDatabaseCannotSave(twoFactorActionUnguarded, unavailableState);

"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { LIMITS } from "@/db/constants";
import { answerWhenDatabaseCannotSave, unavailableState, type FormState } from "@/services/auth/action";
import { sessionCookieOptions } from "@/services/auth/dal";
import { describeWait, SESSION_COOKIE } from "@/services/auth/policy";
import { clientAddress, isCrossSite } from "@/services/auth/request";
import { signIn } from "@/services/auth/sign-in";

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "Enter your email address." })
    .max(LIMITS.email, { error: "This email address is too long." }),
  password: z.string().min(1, { error: "Enter your password." }).max(200, { error: "This password is too long." }),
});

// A database that cannot save (every sign-in records its attempt) answers "try again in a minute", not a 500.
export const signInAction = answerWhenDatabaseCannotSave(signInUnguarded, unavailableState);

async function signInUnguarded(_previous: FormState, formData: FormData): Promise<FormState> {
  const h = await headers();
  if (isCrossSite(h))
    return { ok: false, message: "This request came from another site and was refused.", at: Date.now() };
  const parsed = signInSchema.safeParse({
    email: formData.get("email") ?? "",
    password: formData.get("password") ?? "",
  });
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  if (!parsed.success) {
    return {
      ok: false,
      message: "Please correct the fields marked below.",
      errors: z.flattenError(parsed.error).fieldErrors,
      values: { email },
      at: Date.now(),
    };
  }
  const result = await signIn(getDb(), {
    ...parsed.data,
    ip: clientAddress(h),
    userAgent: h.get("user-agent"),
    now: Date.now(),
  });
  if (result.kind === "throttled") {
    return {
      ok: false,
      message: `Too many failed sign-ins. Wait ${describeWait(result.retryAfterMs)} and try again.`,
      values: { email },
      at: Date.now(),
    };
  }
  if (result.kind === "invalid") {
    return { ok: false, message: "The email or password is incorrect.", values: { email }, at: Date.now() };
  }
  if (result.kind === "sso_only") {
    return {
      ok: false,
      message: "Password sign-in is turned off for your account. Use the single sign-on button instead.",
      values: { email },
      at: Date.now(),
    };
  }
  (await cookies()).set(SESSION_COOKIE, result.token, sessionCookieOptions(result.expiresAt));
  redirect(result.pendingTwoFactor ? "/login/two-factor" : "/admin");
}

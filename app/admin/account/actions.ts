"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/lib/auth/action";
import { changePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-change";

const schema = z
  .object({
    currentPassword: z.string().min(1, { error: "Enter your current password." }),
    newPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
      .max(PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters.` }),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "The two new passwords differ." });

export const changePasswordAction = adminAction("editor", schema, async (data, ctx) => {
  const result = await changePassword(getDb(), {
    userId: ctx.user.id,
    currentPassword: data.currentPassword,
    newPassword: data.newPassword,
    keepTokenHash: ctx.tokenHash,
    now: Date.now(),
    ip: ctx.ip,
  });
  if (!result.ok) return { ok: false, message: "The password was not changed.", errors: { currentPassword: [result.message] } };
  return {
    message:
      result.endedSessions > 0
        ? `Password changed. ${result.endedSessions} other session${result.endedSessions === 1 ? " was" : "s were"} signed out.`
        : "Password changed.",
  };
});

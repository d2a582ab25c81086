"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/services/auth/action";
import { revalidatePath } from "next/cache";
import { getThePage } from "@/db/queries/settings";
import { changePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/services/auth/password-change";
import { otpauthQrSvg, otpauthUri } from "@/services/auth/totp";
import { confirmTwoFactorSetup, disableTwoFactor, startTwoFactorSetup } from "@/services/auth/two-factor";

const schema = z
  .object({
    currentPassword: z.string().min(1, { error: "Enter your current password." }),
    newPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
      .max(PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters.` }),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "The two new passwords differ.",
  });

export const changePasswordAction = adminAction(
  "editor",
  schema,
  async (data, ctx) => {
    const result = await changePassword(getDb(), {
      userId: ctx.user.id,
      currentPassword: data.currentPassword,
      newPassword: data.newPassword,
      keepTokenHash: ctx.tokenHash,
      now: Date.now(),
      ip: ctx.ip,
    });
    if (!result.ok)
      return { ok: false, message: "The password was not changed.", errors: { currentPassword: [result.message] } };
    return {
      message:
        result.endedSessions > 0
          ? `Password changed. ${result.endedSessions} other session${result.endedSessions === 1 ? " was" : "s were"} signed out.`
          : "Password changed.",
    };
  },
  { allowWithoutTwoFactor: true },
);

const code = z
  .string()
  .trim()
  .min(1, { error: "Enter the 6-digit code from your app." })
  .max(20, { error: "Enter the 6-digit code from your app." });

export const startTwoFactorAction = adminAction(
  "editor",
  z.object({}),
  (_data, ctx) => {
    const result = startTwoFactorSetup(getDb(), ctx.user.id, Date.now());
    if (!result.ok) return { ok: false, message: result.message };
    const issuer = getThePage(getDb()).name;
    const uri = otpauthUri(result.secret, ctx.user.email, issuer);
    return {
      message: "Add this key to your authenticator app, then enter the code it shows.",
      reveal: { secret: result.secret, uri, qr: otpauthQrSvg(uri) },
    };
  },
  { allowWithoutTwoFactor: true },
);

export const confirmTwoFactorAction = adminAction(
  "editor",
  z.object({ code }),
  (data, ctx) => {
    const result = confirmTwoFactorSetup(getDb(), ctx.user.id, data.code, Date.now(), ctx.ip);
    if (!result.ok)
      return { ok: false, message: "Two-factor sign-in is not on yet.", errors: { code: [result.message] } };
    // No revalidation here: the page would swap this form for the "turn off" one before the codes are read.
    return { message: "Two-factor sign-in is on.", reveal: { recoveryCodes: result.recoveryCodes } };
  },
  { allowWithoutTwoFactor: true },
);

export const disableTwoFactorAction = adminAction("editor", z.object({ code }), (data, ctx) => {
  const result = disableTwoFactor(getDb(), ctx.user.id, data.code, Date.now(), ctx.ip);
  if (!result.ok) return { ok: false, message: "Two-factor sign-in is still on.", errors: { code: [result.message] } };
  revalidatePath("/admin", "layout");
  return { message: "Two-factor sign-in is off." };
});

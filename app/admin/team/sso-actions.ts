"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { USER_ROLES } from "@/db/constants";
import { getConfig } from "@/core/config";
import { adminAction, typedValues, type FormState } from "@/services/auth/action";
import { doneHref } from "@/services/console/done";
import { actorOf } from "@/services/console/domain-actions";
import { checkbox, entityId } from "@/services/console/fields";
import { approveSsoAccess, dismissSsoAccess, saveSsoSettings } from "@/services/console/sso";

function failed(outcome: { message: string; errors?: Record<string, string[]> }, formData: FormData): FormState {
  return { ok: false, message: outcome.message, errors: outcome.errors, values: typedValues(formData) };
}

export const saveSsoSettingsAction = adminAction(
  "owner",
  z.object({
    roleClaim: z.string().max(200, { error: "Keep the claim name short." }).default(""),
    roleMapping: z.string().max(20_000, { error: "That mapping is too long." }).default(""),
    emailDomains: z.string().max(20_000, { error: "That list is too long." }).default(""),
    localPasswordsOff: checkbox,
    breakGlassUserId: z.union([z.literal(""), entityId]).default(""),
  }),
  (data, ctx, formData) => {
    const outcome = saveSsoSettings(
      getDb(),
      actorOf(ctx),
      { ...data, breakGlassUserId: data.breakGlassUserId || null },
      getConfig().consoleOidc !== null,
      Date.now(),
    );
    if (!outcome.ok) return failed(outcome, formData);
    revalidatePath("/admin/team");
    return { message: "Single sign-on settings saved." };
  },
);

export const approveSsoAction = adminAction(
  "owner",
  z.object({ id: entityId, role: z.enum(USER_ROLES, { error: "Choose a role from the list." }) }),
  async ({ id, role }, ctx, formData) => {
    const outcome = await approveSsoAccess(getDb(), actorOf(ctx), id, role, Date.now());
    if (!outcome.ok) return failed(outcome, formData);
    revalidatePath("/admin/team");
    // The row and its status line go with the request: the notice is on the page itself.
    redirect(doneHref("/admin/team", "sso-approved"));
  },
);

export const dismissSsoAction = adminAction("owner", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = dismissSsoAccess(getDb(), actorOf(ctx), id, Date.now());
  if (!outcome.ok) return failed(outcome, formData);
  revalidatePath("/admin/team");
  redirect(doneHref("/admin/team", "sso-dismissed"));
});

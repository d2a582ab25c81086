"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { LIMITS, USER_ROLES, USER_ROLE_LABELS } from "@/db/constants";
import { adminAction, typedValues, type FormState } from "@/services/auth/action";
import { actorOf } from "@/services/console/domain-actions";
import { getConfig } from "@/core/config";
import { checkbox, entityId } from "@/services/console/fields";
import * as team from "@/services/console/team";

const role = z.enum(USER_ROLES, { error: "Choose a role from the list." });

function failed(outcome: { message: string; errors?: Record<string, string[]> }, formData: FormData): FormState {
  return { ok: false, message: outcome.message, errors: outcome.errors, values: typedValues(formData) };
}

export const inviteAction = adminAction(
  "admin",
  z.object({
    email: z
      .email({ error: "Enter an email address, e.g. sam@example.org." })
      .max(LIMITS.email, { error: "This email address is too long." }),
    role,
  }),
  (data, ctx, formData) => {
    const outcome = team.invite(getDb(), actorOf(ctx), data, getConfig().publicUrl, Date.now());
    if (!outcome.ok) return failed(outcome, formData);
    revalidatePath("/admin/team");
    return {
      message: outcome.link
        ? `Invitation for ${outcome.email} created. It works once, for 7 days. No email is sent from this server (no RESEND_API_KEY), so pass the link on yourself.`
        : `Invitation sent to ${outcome.email}. The link in the email works once, for 7 days.`,
      // The link is the one secret this form returns on purpose: the inviter passes it on.
      values: outcome.link ? { link: outcome.link } : {},
    };
  },
);

export const revokeInvitationAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = team.revokeInvitation(getDb(), actorOf(ctx), id, Date.now());
  if (!outcome.ok) return failed(outcome, formData);
  revalidatePath("/admin/team");
  return { message: "Invitation revoked." };
});

export const changeRoleAction = adminAction(
  "admin",
  z.object({ userId: entityId, role }),
  ({ userId, role }, ctx, formData) => {
    const outcome = team.changeRole(getDb(), actorOf(ctx), userId, role, Date.now());
    if (!outcome.ok) return failed(outcome, formData);
    revalidatePath("/admin/team");
    return { message: `${outcome.email} is now ${USER_ROLE_LABELS[role].toLowerCase()}.` };
  },
);

export const removeMemberAction = adminAction("admin", z.object({ userId: entityId }), ({ userId }, ctx, formData) => {
  const outcome = team.removeMember(getDb(), actorOf(ctx), userId, Date.now());
  if (!outcome.ok) return failed(outcome, formData);
  revalidatePath("/admin/team");
  return { message: `${outcome.email} was removed from the team.` };
});

export const requireTwoFactorAction = adminAction("owner", z.object({ required: checkbox }), ({ required }, ctx) => {
  team.setTwoFactorRequirement(getDb(), actorOf(ctx), required, Date.now());
  revalidatePath("/admin", "layout");
  return {
    message: required ? "Two-factor sign-in is now required for everyone." : "Two-factor sign-in is now optional.",
  };
});

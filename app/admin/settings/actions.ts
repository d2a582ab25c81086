"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/services/auth/action";
import { actorOf } from "@/services/console/domain-actions";
import { removeLogo, saveSettings, settingsSchema, uploadLogo } from "@/services/console/settings";
import { requestPublishNow } from "@/services/console/publishing";
import { setOwnPublishAlerts } from "@/services/publish/team-alert";
import { serverSecretBox } from "@/services/publish/from-config";
import { removePublishTarget, savePublishTarget, testPublishTarget } from "@/services/console/publish-targets";
import { typedValues } from "@/services/auth/action";

function refresh() {
  revalidatePath("/admin/settings");
  revalidatePath("/", "layout");
}

export const saveSettingsAction = adminAction("admin", settingsSchema, (data, ctx) => {
  saveSettings(getDb(), actorOf(ctx), data, Date.now());
  refresh();
  return { message: "Settings saved. The public page shows them now." };
});

const logoSchema = z.object({
  logo: z
    .instanceof(File, { error: "Choose an image file." })
    .refine((f) => f.size > 0, { error: "Choose an image file." }),
});

export const uploadLogoAction = adminAction("admin", logoSchema, async ({ logo }, ctx) => {
  const result = uploadLogo(getDb(), actorOf(ctx), new Uint8Array(await logo.arrayBuffer()), Date.now());
  if (!result.ok) return { ok: false, message: "The logo was not changed.", errors: { logo: [result.message] } };
  refresh();
  return { message: "Logo uploaded." };
});

export const removeLogoAction = adminAction("admin", z.object({}), (_data, ctx) => {
  removeLogo(getDb(), actorOf(ctx), Date.now());
  refresh();
  return { message: "Logo removed." };
});

export const publishNowAction = adminAction("admin", z.object({}), (_data, ctx) => {
  const count = requestPublishNow(getDb(), actorOf(ctx), Date.now());
  revalidatePath("/admin/settings");
  return {
    message: `Publishing ${count === 1 ? "the target" : `${count} targets`} now: reload in a few seconds to see the result.`,
  };
});

/** A member's own opt-in to the email about a static-copy target failing for more than 5 minutes. */
export const publishAlertsAction = adminAction("admin", z.object({ on: z.enum(["true", "false"]) }), ({ on }, ctx) => {
  setOwnPublishAlerts(getDb(), actorOf(ctx), on === "true");
  revalidatePath("/admin/settings");
  return {
    message:
      on === "true"
        ? "You will get an email when a target fails for more than 5 minutes, and when it publishes again."
        : "You will no longer get static copy emails.",
  };
});

const targetId = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
  })
  .passthrough();

/** Adds a static-copy target (no id) or edits one; per-field errors, the secret never echoed back. */
export const savePublishTargetAction = adminAction("admin", targetId, (data, ctx, formData) => {
  const { id, ...fields } = data as Record<string, unknown> & { id?: string };
  const result = savePublishTarget(getDb(), actorOf(ctx), serverSecretBox(), fields, Date.now(), id || undefined);
  if (!result.ok) {
    return {
      ok: false,
      message: "Please correct the fields marked below.",
      errors: Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, [v]])),
      values: typedValues(formData),
    };
  }
  revalidatePath("/admin/settings");
  return { message: id ? "Target saved: the next publish uses it." : "Target added: it is published within seconds." };
});

export const removePublishTargetAction = adminAction("admin", z.object({ id: z.string().min(1) }), ({ id }, ctx) => {
  const removed = removePublishTarget(getDb(), actorOf(ctx), id, Date.now());
  revalidatePath("/admin/settings");
  return removed
    ? { message: "Target removed. What it published stays where it is." }
    : { ok: false, message: "That target was already removed." };
});

export const testPublishTargetAction = adminAction(
  "admin",
  z.object({ id: z.string().min(1) }),
  async ({ id }, ctx) => {
    const outcome = await testPublishTarget(getDb(), actorOf(ctx), serverSecretBox(), id);
    return { ok: outcome.ok, message: outcome.message };
  },
);

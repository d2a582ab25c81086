"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction, typedValues, type FormState } from "@/services/auth/action";
import { getConfig } from "@/core/config";
import { actorOf } from "@/services/console/domain-actions";
import { entityId } from "@/services/console/fields";
import * as webhooks from "@/services/console/webhooks";

const actor = actorOf;

// The fields are validated by services/webhooks/register.ts (the same rules as the public form); here only their
// size, so a huge post is refused before it is looked at.
const addSchema = z.object({
  url: z.string().max(5000, { error: "Use a URL of at most 2000 characters." }).default(""),
  email: z.string().max(1000).default(""),
  scope: z.enum(["all", "some"], { error: "Choose everything or some services." }).default("all"),
});

export const addWebhookAction = adminAction("admin", addSchema, async (data, ctx, formData): Promise<FormState> => {
  const componentIds = formData.getAll("componentIds").map(String).slice(0, 501);
  const outcome = await webhooks.addWebhook(
    getDb(),
    actor(ctx),
    { ...data, componentIds },
    { allowLoopback: getConfig().webhooksAllowLoopback, now: Date.now() },
  );
  if ("ok" in outcome) return { ok: false, message: outcome.message };
  if (outcome.status !== "created") {
    const errors = outcome.status === "invalid" ? outcome.errors : {};
    return { ok: false, message: "Please correct the fields marked below.", errors, values: typedValues(formData) };
  }
  revalidatePath("/admin/webhooks");
  // The signing secret is the one thing this form returns on purpose, once.
  const message = `Webhook added for ${outcome.url}. It is pending verification: it receives events once it answers our ping with a 2xx.`;
  return { message, reveal: { secret: outcome.secret, url: outcome.url } };
});

// The removed row (with its own status region) disappears, so the outcome is said by the page it lands on.
export const removeWebhookAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx) => {
  const outcome = webhooks.removeWebhook(getDb(), actor(ctx), id, Date.now());
  if (!outcome.ok) return { ok: false, message: outcome.message };
  revalidatePath("/admin/webhooks");
  redirect("/admin/webhooks?removed=1");
});

export const enableWebhookAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx) => {
  const outcome = webhooks.enableWebhook(getDb(), actor(ctx), id, Date.now());
  if (!outcome.ok) return { ok: false, message: outcome.message };
  revalidatePath("/admin/webhooks");
  return { message: `Webhook ${outcome.url} re-enabled.` };
});

export const resendVerificationAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx) => {
  const outcome = webhooks.resendWebhookVerification(getDb(), actor(ctx), id, Date.now());
  if (!outcome.ok) return { ok: false, message: outcome.message };
  revalidatePath("/admin/webhooks");
  return { message: `Verification ping queued for ${outcome.url}.` };
});

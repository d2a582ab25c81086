"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction, type FormState } from "@/services/auth/action";
import { getConfig } from "@/core/config";
import { actorOf } from "@/services/console/domain-actions";
import { chosenComponentIds, endpointFormSchema, addAnswer } from "@/services/console/endpoint-form";
import { entityId, subscriberLanguage } from "@/services/console/fields";
import * as webhooks from "@/services/console/webhooks";

const actor = actorOf;

export const addWebhookAction = adminAction(
  "admin",
  endpointFormSchema,
  async (data, ctx, formData): Promise<FormState> => {
    const outcome = await webhooks.addWebhook(
      getDb(),
      actor(ctx),
      { ...data, componentIds: chosenComponentIds(formData), language: subscriberLanguage(getDb(), data.language) },
      { allowLoopback: getConfig().webhooksAllowLoopback, now: Date.now() },
    );
    const answer = addAnswer(outcome, formData);
    if ("refused" in answer) return answer.refused;
    const { created } = answer;
    revalidatePath("/admin/webhooks");
    // The signing secret is the one thing this form returns on purpose, once.
    const message = `Webhook added for ${created.url}. It is pending verification: it receives events once it answers our ping with a 2xx.`;
    return { message, reveal: { secret: created.secret, url: created.url } };
  },
);

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

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction, type FormState } from "@/services/auth/action";
import { getConfig } from "@/core/config";
import { CHAT_PLATFORM_LABELS } from "@/db/constants";
import { actorOf } from "@/services/console/domain-actions";
import { chosenComponentIds, endpointFormSchema, addAnswer } from "@/services/console/endpoint-form";
import { entityId, subscriberLanguage } from "@/services/console/fields";
import * as chat from "@/services/console/chat";

const addSchema = endpointFormSchema.extend({ platform: z.string().max(40).default("") });

export const addChatAction = adminAction("admin", addSchema, async (data, ctx, formData): Promise<FormState> => {
  const outcome = await chat.addChatChannel(
    getDb(),
    actorOf(ctx),
    { ...data, componentIds: chosenComponentIds(formData), language: subscriberLanguage(getDb(), data.language) },
    { allowLoopback: getConfig().webhooksAllowLoopback, now: Date.now() },
  );
  const answer = addAnswer(outcome, formData);
  if ("refused" in answer) return answer.refused;
  const { created } = answer;
  revalidatePath("/admin/chat");
  return {
    message: `${CHAT_PLATFORM_LABELS[created.platform]} channel connected: it accepted our test message and gets every update from now on.`,
  };
});

// The removed row (with its own status region) disappears, so the outcome is said by the page it lands on.
export const removeChatAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx) => {
  const outcome = chat.removeChatChannel(getDb(), actorOf(ctx), id, Date.now());
  if (!outcome.ok) return { ok: false, message: outcome.message };
  revalidatePath("/admin/chat");
  redirect("/admin/chat?removed=1");
});

export const enableChatAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx) => {
  const outcome = chat.enableChatChannel(getDb(), actorOf(ctx), id, Date.now());
  if (!outcome.ok) return { ok: false, message: outcome.message };
  revalidatePath("/admin/chat");
  return { message: `${outcome.name} re-enabled.` };
});

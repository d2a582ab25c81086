"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction, typedValues, type FormState } from "@/services/auth/action";
import { getConfig } from "@/core/config";
import { CHAT_PLATFORM_LABELS } from "@/db/constants";
import { actorOf } from "@/services/console/domain-actions";
import { entityId } from "@/services/console/fields";
import * as chat from "@/services/console/chat";

// The fields are validated by services/chat/register.ts (the same rules as the public form); here only their
// size, so a huge post is refused before it is looked at.
const addSchema = z.object({
  platform: z.string().max(40).default(""),
  url: z.string().max(5000, { error: "Use a URL of at most 2000 characters." }).default(""),
  email: z.string().max(1000).default(""),
  scope: z.enum(["all", "some"], { error: "Choose everything or some services." }).default("all"),
});

export const addChatAction = adminAction("admin", addSchema, async (data, ctx, formData): Promise<FormState> => {
  const componentIds = formData.getAll("componentIds").map(String).slice(0, 501);
  const outcome = await chat.addChatChannel(
    getDb(),
    actorOf(ctx),
    { ...data, componentIds },
    { allowLoopback: getConfig().webhooksAllowLoopback, now: Date.now() },
  );
  if ("ok" in outcome) return { ok: false, message: outcome.message };
  if (outcome.status !== "created") {
    const errors = outcome.status === "invalid" ? outcome.errors : {};
    return { ok: false, message: "Please correct the fields marked below.", errors, values: typedValues(formData) };
  }
  revalidatePath("/admin/chat");
  return {
    message: `${CHAT_PLATFORM_LABELS[outcome.platform]} channel connected: it accepted our test message and gets every update from now on.`,
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

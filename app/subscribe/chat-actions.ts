"use server";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { answerWhenDatabaseCannotSave } from "@/services/auth/action";
import { clientAddress } from "@/services/auth/request";
import { getConfig } from "@/core/config";
import { requestChatSubscription, type ChatRegisterResult } from "@/services/chat/register";
import { inLanguage, problemText, signupProblem } from "@/core/signup-problems";
import { languageField, postedLanguage } from "@/services/subscriptions/language";

/** What was typed comes back with an error, so the form shows it again (React resets the form after an action). */
export interface ChatValues {
  platform: string;
  url: string;
  email: string;
  scope: "all" | "some";
  componentIds: string[];
}
export type ChatSubscribeState =
  ((ChatRegisterResult | { status: "unavailable"; message: string }) & { values?: ChatValues }) | null;

function typedChat(form: FormData): ChatValues {
  return {
    platform: String(form.get("platform") ?? "").slice(0, 40),
    url: String(form.get("url") ?? "").slice(0, 5000),
    email: String(form.get("email") ?? "").slice(0, 1000),
    scope: form.get("scope") === "some" ? "some" : "all",
    componentIds: form.getAll("componentIds").map(String).slice(0, 501),
  };
}

// Public and anonymous by design, like the email sign-up: Next checks the Origin of Server Action posts,
// the limits are per IP and overall, and the URL must be on its platform's hosts and pass the SSRF guard.
async function subscribeChatUnguarded(_prev: ChatSubscribeState, form: FormData): Promise<ChatSubscribeState> {
  const values = typedChat(form);
  const language = languageField.parse(postedLanguage(form));
  const result = await requestChatSubscription(
    getDb(),
    { ...values, website: String(form.get("website") ?? "").slice(0, 1001), language },
    clientAddress(await headers()) ?? "unknown",
    { allowLoopback: getConfig().webhooksAllowLoopback },
  );
  return result.status === "created" ? result : { ...inLanguage(result, language), values };
}

export const subscribeChatAction = answerWhenDatabaseCannotSave(subscribeChatUnguarded, (form): ChatSubscribeState => ({
  status: "unavailable",
  message: problemText(signupProblem("unavailable"), languageField.parse(postedLanguage(form))),
  values: typedChat(form),
}));

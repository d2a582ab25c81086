"use server";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { answerWhenDatabaseCannotSave } from "@/services/auth/action";
import { clientAddress } from "@/services/auth/request";
import { getConfig } from "@/core/config";
import { requestWebhookSubscription, type RegisterResult } from "@/services/webhooks/register";
import { inLanguage, problemText, signupProblem } from "@/core/signup-problems";
import { languageField, postedLanguage } from "@/services/subscriptions/language";

/** What was typed comes back with an error, so the form shows it again (React resets the form after an action). */
export interface WebhookValues {
  url: string;
  email: string;
  scope: "all" | "some";
  componentIds: string[];
}
export type WebhookSubscribeState =
  ((RegisterResult | { status: "unavailable"; message: string }) & { values?: WebhookValues }) | null;

function typedWebhook(form: FormData): WebhookValues {
  return {
    url: String(form.get("url") ?? "").slice(0, 5000),
    email: String(form.get("email") ?? "").slice(0, 1000),
    scope: form.get("scope") === "some" ? "some" : "all",
    componentIds: form.getAll("componentIds").map(String).slice(0, 501),
  };
}

/** The page's language the form was posted from: the subscriber's language, and the one its answer is in. */
const languageOf = (form: FormData) => languageField.parse(postedLanguage(form));

// Public and anonymous by design, like the email sign-up: Next checks the Origin of Server Action posts,
// the limits are per IP and overall, and the URL passes the SSRF guard.
async function subscribeWebhookUnguarded(_prev: WebhookSubscribeState, form: FormData): Promise<WebhookSubscribeState> {
  const values = typedWebhook(form);
  const language = languageOf(form);
  const result = await requestWebhookSubscription(
    getDb(),
    { ...values, website: String(form.get("website") ?? "").slice(0, 1001), language },
    clientAddress(await headers()) ?? "unknown",
    { allowLoopback: getConfig().webhooksAllowLoopback },
  );
  // What was typed goes back only with errors; a success shows the secret once instead.
  return result.status === "created" ? result : { ...inLanguage(result, language), values };
}

// A database that cannot save answers "try again in a minute" instead of a 500, with what was typed.
export const subscribeWebhookAction = answerWhenDatabaseCannotSave(
  subscribeWebhookUnguarded,
  (form): WebhookSubscribeState => ({
    status: "unavailable",
    message: problemText(signupProblem("unavailable"), languageOf(form)),
    values: typedWebhook(form),
  }),
);

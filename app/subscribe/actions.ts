"use server";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { answerWhenDatabaseCannotSave } from "@/services/auth/action";
import { clientAddress } from "@/services/auth/request";
import { requestSubscription, type SubscribeResult } from "@/services/subscriptions/subscribe";
import { languageField, postedLanguage } from "@/services/subscriptions/language";
import { inLanguage, problemText, signupProblem } from "@/core/signup-problems";
import { currentAudience } from "@/services/viewers/request";

/** What was typed comes back with an error, so the form shows it again (React resets the form after an action). */
export interface SubscribeValues {
  email: string;
  scope: "all" | "some";
  componentIds: string[];
}
export type SubscribeState =
  ((SubscribeResult | { status: "unavailable"; message: string }) & { values?: SubscribeValues }) | null;

/** The client address (server.ts sets it from the socket unless a trusted proxy reports it); for the per-IP limit. */
async function clientIp(): Promise<string> {
  return clientAddress(await headers()) ?? "unknown";
}

/** The page's language the form was posted from (/de/subscribe): the subscriber's, and its answer's. */
const languageOf = (form: FormData) => languageField.parse(postedLanguage(form));

// Public and anonymous by design; Next checks the Origin of Server Action posts, and the limits are per IP.
// A database that cannot save answers "try again in a minute" instead of a 500, with what was typed.
export const subscribeAction = answerWhenDatabaseCannotSave(subscribeUnguarded, (form): SubscribeState => ({
  status: "unavailable",
  message: problemText(signupProblem("unavailable"), languageOf(form)),
  values: typedSubscription(form),
}));

function typedSubscription(form: FormData): SubscribeValues {
  return {
    email: String(form.get("email") ?? "").slice(0, 1000),
    scope: form.get("scope") === "some" ? "some" : "all",
    componentIds: form.getAll("componentIds").map(String).slice(0, 501),
  };
}

async function subscribeUnguarded(_prev: SubscribeState, form: FormData): Promise<SubscribeState> {
  const values = typedSubscription(form);
  const language = languageOf(form);
  const result = requestSubscription(
    getDb(),
    { ...values, website: String(form.get("website") ?? "").slice(0, 1001), language },
    await clientIp(),
    Date.now(),
    // Resolved by the server (a viewer session, or an allowed network): an internal subscriber.
    (await currentAudience()).audience,
  );
  return result.status === "check-inbox" ? result : { ...inLanguage(result, language), values };
}

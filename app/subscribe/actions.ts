"use server";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/db/unavailable";
import { answerWhenDatabaseCannotSave } from "@/lib/auth/action";
import { clientAddress } from "@/lib/auth/request";
import { requestSubscription, type SubscribeResult } from "@/lib/subscriptions/subscribe";

export type SubscribeState = SubscribeResult | { status: "unavailable"; message: string } | null;

/** The client address (server.ts sets it from the socket unless a trusted proxy reports it); for the per-IP limit. */
async function clientIp(): Promise<string> {
  return clientAddress(await headers()) ?? "unknown";
}

// Public and anonymous by design; Next checks the Origin of Server Action posts, and the limits are per IP.
// A database that cannot save answers "try again in a minute" instead of a 500.
export const subscribeAction = answerWhenDatabaseCannotSave(subscribeUnguarded, (): SubscribeState => ({ status: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE }));

async function subscribeUnguarded(_prev: SubscribeState, form: FormData): Promise<SubscribeState> {
  return requestSubscription(
    getDb(),
    {
      email: String(form.get("email") ?? "").slice(0, 1000),
      scope: form.get("scope") === "some" ? "some" : "all",
      componentIds: form.getAll("componentIds").map(String).slice(0, 501),
      website: String(form.get("website") ?? "").slice(0, 1001),
    },
    await clientIp(),
  );
}

"use server";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { clientAddress } from "@/lib/auth/request";
import { requestSubscription, type SubscribeResult } from "@/lib/subscriptions/subscribe";

/** What was typed comes back with an error, so the form shows it again (React resets the form after an action). */
export interface SubscribeValues {
  email: string;
  scope: "all" | "some";
  componentIds: string[];
}
export type SubscribeState = (SubscribeResult & { values?: SubscribeValues }) | null;

/** The client address (server.ts sets it from the socket unless a trusted proxy reports it); for the per-IP limit. */
async function clientIp(): Promise<string> {
  return clientAddress(await headers()) ?? "unknown";
}

// Public and anonymous by design; Next checks the Origin of Server Action posts, and the limits are per IP.
export async function subscribeAction(_prev: SubscribeState, form: FormData): Promise<SubscribeState> {
  const values: SubscribeValues = {
    email: String(form.get("email") ?? "").slice(0, 1000),
    scope: form.get("scope") === "some" ? "some" : "all",
    componentIds: form.getAll("componentIds").map(String).slice(0, 501),
  };
  const result = requestSubscription(getDb(), { ...values, website: String(form.get("website") ?? "").slice(0, 1001) }, await clientIp());
  return result.status === "check-inbox" ? result : { ...result, values };
}

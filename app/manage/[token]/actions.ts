"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { pauseByToken, unsubscribeByManageToken, updatePreferences } from "@/lib/subscriptions/manage";

const back = (token: string, result: { ok: boolean }, done: string) =>
  redirect(`/manage/${encodeURIComponent(token)}?${result.ok ? `done=${done}` : "failed=1"}`);

// Every action here is authenticated by the signed manage token in the link, checked again on each call.
export async function savePreferencesAction(token: string, form: FormData): Promise<void> {
  const result = updatePreferences(getDb(), token, {
    scope: form.get("scope") === "some" ? "some" : "all",
    componentIds: form.getAll("componentIds").map(String).slice(0, 501),
  });
  back(token, result, "saved");
}

export async function pauseAction(token: string, paused: boolean): Promise<void> {
  back(token, pauseByToken(getDb(), token, paused), paused ? "paused" : "resumed");
}

export async function unsubscribeAction(token: string): Promise<void> {
  back(token, unsubscribeByManageToken(getDb(), token), "unsubscribed");
}

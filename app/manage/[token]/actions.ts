"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { pauseByToken, unsubscribeByManageToken, updatePreferences } from "@/lib/subscriptions/manage";

const back = (token: string, result: { ok: boolean }, done: string) =>
  redirect(`/manage/${encodeURIComponent(token)}?${result.ok ? `done=${done}` : "failed=1"}`);

/** A refused choice comes back with the choices as made, so the form shows them again. */
export type PreferencesState = { error: string; values: { scope: "all" | "some"; componentIds: string[] } } | null;

// Every action here is authenticated by the signed manage token in the link, checked again on each call.
export async function savePreferencesAction(token: string, _prev: PreferencesState, form: FormData): Promise<PreferencesState> {
  const values = {
    scope: form.get("scope") === "some" ? ("some" as const) : ("all" as const),
    componentIds: form.getAll("componentIds").map(String).slice(0, 501),
  };
  const result = updatePreferences(getDb(), token, values);
  if (!result.ok) return { error: result.error, values };
  return back(token, result, "saved");
}

export async function pauseAction(token: string, paused: boolean): Promise<void> {
  back(token, pauseByToken(getDb(), token, paused), paused ? "paused" : "resumed");
}

export async function unsubscribeAction(token: string): Promise<void> {
  back(token, unsubscribeByManageToken(getDb(), token), "unsubscribed");
}

"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/unavailable";
import {
  pauseByToken,
  setLanguageByToken,
  unsubscribeByManageToken,
  updatePreferences,
  type ManageError,
} from "@/services/subscriptions/manage";

const back = (token: string, result: { ok: boolean }, done: string) =>
  redirect(`/manage/${encodeURIComponent(token)}?${result.ok ? `done=${done}` : "failed=1"}`);

/** Runs a change; a database that cannot save sends the visitor back with "try again in a minute", not a 500. */
function orUnavailable<T>(token: string, change: () => T): T {
  try {
    return change();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    console.error("manage: database cannot save");
    redirect(`/manage/${encodeURIComponent(token)}?failed=unavailable`);
  }
}

/** A refused choice comes back with the choices as made, so the form shows them again. */
export type PreferencesState = {
  error: string;
  /** The refusal by name, shown in the subscriber's language (the manage page's words). */
  code?: ManageError | "unavailable";
  values: { scope: "all" | "some"; componentIds: string[] };
} | null;

// Every action here is authenticated by the signed manage token in the link, checked again on each call.
export async function savePreferencesAction(
  token: string,
  _prev: PreferencesState,
  form: FormData,
): Promise<PreferencesState> {
  const values = {
    scope: form.get("scope") === "some" ? ("some" as const) : ("all" as const),
    componentIds: form.getAll("componentIds").map(String).slice(0, 501),
  };
  let result: ReturnType<typeof updatePreferences>;
  try {
    result = updatePreferences(getDb(), token, values);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    console.error("manage: database cannot save");
    return { error: DATABASE_UNAVAILABLE_MESSAGE, code: "unavailable", values };
  }
  if (!result.ok) return { error: result.error, code: result.code, values };
  return back(token, result, "saved");
}

export async function languageAction(token: string, form: FormData): Promise<void> {
  const language = String(form.get("language") ?? "").slice(0, 20);
  back(
    token,
    orUnavailable(token, () => setLanguageByToken(getDb(), token, language)),
    "language",
  );
}

export async function pauseAction(token: string, paused: boolean): Promise<void> {
  back(
    token,
    orUnavailable(token, () => pauseByToken(getDb(), token, paused)),
    paused ? "paused" : "resumed",
  );
}

export async function unsubscribeAction(token: string): Promise<void> {
  back(
    token,
    orUnavailable(token, () => unsubscribeByManageToken(getDb(), token)),
    "unsubscribed",
  );
}

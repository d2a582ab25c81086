"use client";
import { useActionState } from "react";
import type { ComponentChoices } from "@/db/queries/subscribers";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import type { ManageError } from "@/services/subscriptions/manage";
import type { PreferencesState } from "./actions";
import { Button } from "@/components/ui/button";

/**
 * Which services a subscriber hears about. Works without JavaScript (the picker is in the HTML; CSS hides it
 * while "Everything" is picked), and after an error it shows the choices as they were made, not as stored.
 */
export function PreferencesForm({
  save,
  choices,
  allComponents,
  selected,
  labels,
}: {
  /** savePreferencesAction bound to the token on the server: a bind made here breaks the no-JavaScript post. */
  save: (prev: PreferencesState, form: FormData) => Promise<PreferencesState>;
  choices: ComponentChoices;
  allComponents: boolean;
  selected: string[];
  /** The words, in the subscriber's language (the catalog stays on the server). */
  labels: { legend: string; everything: string; some: string; save: string; saving: string } & Record<
    ManageError | "unavailable",
    string
  >;
}) {
  const [state, action, pending] = useActionState<PreferencesState, FormData>(save, null);
  const scope = state?.values.scope ?? (allComponents ? "all" : "some");
  const checked = state?.values.componentIds ?? selected;
  return (
    <form key={JSON.stringify(state?.values ?? null)} action={action} className="mt-6 space-y-2" noValidate>
      <fieldset className="scope-choice" aria-describedby="preferences-error">
        <legend className="font-medium">{labels.legend}</legend>
        <label className="mt-2 flex items-center gap-2">
          <input type="radio" name="scope" value="all" defaultChecked={scope === "all"} />
          {labels.everything}
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="scope" value="some" defaultChecked={scope === "some"} />
          {labels.some}
        </label>
        <div className="scope-services">
          <ServicePicker groups={choiceGroups(choices)} name="componentIds" selected={checked} />
        </div>
        <p id="preferences-error" aria-live="polite" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {state ? (state.code ? labels[state.code] : state.error) : null}
        </p>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? labels.saving : labels.save}
      </Button>
    </form>
  );
}

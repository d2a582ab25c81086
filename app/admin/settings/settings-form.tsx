"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import { LIMITS } from "@/db/constants";
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES } from "@/core/i18n/locales";
import type { PageSettingsFields } from "@/db/writes/settings";
import type { FormState } from "@/services/auth/action";
import { saveSettingsAction } from "./actions";

export function SettingsForm({
  initial,
  timeZones,
  defaultUrl,
}: {
  initial: PageSettingsFields;
  timeZones: string[];
  defaultUrl: string;
}) {
  const [state, action, pending] = useActionState(saveSettingsAction, {} as FormState);
  const ref = useFocusOnError(state);
  const value = (name: keyof PageSettingsFields) => fieldValue(state, name, String(initial[name] ?? ""));
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-5">
      <FormStatus state={state} />
      <Field name="name" label="Page name" hint={`Up to ${LIMITS.name} characters.`} state={state}>
        {(p) => <input {...p} required defaultValue={value("name")} className={inputClass} />}
      </Field>
      <Field
        name="url"
        label="Public address (optional)"
        hint={`Where visitors find the page. Empty: ${defaultUrl}`}
        state={state}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            placeholder="https://status.example.org"
            defaultValue={value("url")}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        name="timeZone"
        label="Time zone"
        hint="Type to search, e.g. Berlin or New_York. Times on the page are shown in it."
        state={state}
      >
        {(p) => (
          <>
            <input
              {...p}
              list="time-zones"
              autoComplete="off"
              defaultValue={value("timeZone")}
              className={inputClass}
            />
            <datalist id="time-zones">
              {timeZones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field
        name="defaultLocale"
        label="Default language"
        hint="The language of the page's own address. Every language also has its own, e.g. /de/ for German."
        state={state}
      >
        {(p) => (
          <select {...p} defaultValue={value("defaultLocale") || DEFAULT_LOCALE} className={inputClass}>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {LOCALE_NAMES[locale]} ({locale})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="accentColor" label="Accent colour" hint="Links and highlights, as #rrggbb." state={state}>
        {(p) => (
          <input
            {...p}
            defaultValue={value("accentColor")}
            pattern="#[0-9a-fA-F]{6}"
            className={`${inputClass} font-mono`}
          />
        )}
      </Field>
      <Field
        name="supportUrl"
        label="Support link (optional)"
        hint="Where visitors go for help, e.g. your service desk."
        state={state}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            placeholder="https://help.example.org"
            defaultValue={value("supportUrl")}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        name="aboutText"
        label="About this page (optional)"
        hint="A short introduction for visitors."
        state={state}
      >
        {(p) => <textarea {...p} rows={3} defaultValue={value("aboutText")} className={inputClass} />}
      </Field>
      <Field name="footerText" label="Footer text (optional)" hint={`Up to ${LIMITS.footer} characters.`} state={state}>
        {(p) => <textarea {...p} rows={2} defaultValue={value("footerText")} className={inputClass} />}
      </Field>
      <Field
        name="staleIncidentMinutes"
        label="Nudge after (minutes without an update)"
        hint="An open incident with no update for this long is flagged in the console, so nobody forgets to keep people informed. 5 to 1440."
        state={state}
      >
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            defaultValue={value("staleIncidentMinutes")}
            className={`${inputClass} max-w-32`}
          />
        )}
      </Field>
      <SubmitButton pending={pending}>Save settings</SubmitButton>
    </form>
  );
}

// The subscriber's language on the console's add forms: their emails, chat messages and SMS are written in it.
// The page's default language is preselected, since that is what the public pages would have given them.
import { Field, fieldValue, inputClass } from "@/components/admin/form";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/core/i18n/locales";
import type { FormState } from "@/services/auth/action";

export function LanguageField({
  state,
  defaultLocale,
  hint,
}: {
  state: FormState;
  defaultLocale: Locale;
  hint: string;
}) {
  return (
    <Field name="language" label="Language" hint={hint} state={state}>
      {(p) => (
        <select {...p} defaultValue={fieldValue(state, "language", defaultLocale)} className={inputClass}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

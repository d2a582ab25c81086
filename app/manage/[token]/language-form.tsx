import { LOCALES, LOCALE_NAMES, localeDir, type Locale } from "@/core/i18n/locales";
import { Button } from "@/components/ui/button";

/**
 * The subscriber's language: a plain form posting to a Server Action, so it works without JavaScript. Each
 * language is named in itself (and marked with its own lang), so anyone can find theirs.
 */
export function LanguageForm({
  save,
  current,
  labels,
}: {
  save: (form: FormData) => Promise<void>;
  current: Locale;
  labels: { label: string; save: string };
}) {
  return (
    <form
      action={save}
      className="mt-8 flex flex-wrap items-end gap-3 border-t border-slate-200 pt-6 dark:border-slate-700"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="subscriber-language" className="font-medium">
          {labels.label}
        </label>
        <select
          id="subscriber-language"
          name="language"
          defaultValue={current}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l} dir={localeDir(l)}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">
        {labels.save}
      </Button>
    </form>
  );
}

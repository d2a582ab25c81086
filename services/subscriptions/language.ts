// The `language` field every public sign-up form posts (a hidden input with the page's language). It is
// never a reason to refuse a sign-up: a missing, unknown or tampered value becomes the default language.
import { z } from "zod";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/core/i18n/locales";

export const languageField = z
  .string()
  .optional()
  .catch(undefined)
  .transform((value): Locale => (isLocale(value) ? value : DEFAULT_LOCALE));

/** The posted field as a form gives it (undefined when absent), cut short before validation. */
export function postedLanguage(form: FormData): string | undefined {
  const value = form.get("language");
  return typeof value === "string" ? value.slice(0, 20) : undefined;
}

// zod pieces shared by the console's forms. Messages are written for the person at the form.
import { z } from "zod";
import type { Db } from "@/db";
import { LIMITS } from "@/db/constants";
import { getPageRow } from "@/db/queries/subscribers";
import { LOCALES, type Locale } from "@/core/i18n/locales";
import { localeOr } from "@/services/notifications/words";
import { ID_PATTERN } from "@/core/ids";
import { multiLine, singleLine } from "@/core/text-input";
import { availabilityTargetProblem, DEFAULT_AVAILABILITY_TARGET } from "@/core/service-report-measures";

/** One line of text (core/text-input.ts refuses control characters, tab and newline). */
export const requiredText = (label: string, max: number) =>
  singleLine(
    z
      .string({ error: `Enter ${label}.` })
      .trim()
      .min(1, { error: `Enter ${label}.` })
      .max(max, { error: `Use at most ${max} characters (this has more).` }),
  );

/** Text from a textarea (tab and newline allowed); empty becomes null. */
export const optionalText = (max: number) =>
  multiLine(
    z
      .string()
      .trim()
      .max(max, { error: `Use at most ${max} characters (this has more).` }),
  )
    .optional()
    .transform((v) => (v ? v : null));

/** An HTML checkbox: present ("on") or absent. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const entityId = z.string({ error: "Missing id." }).regex(ID_PATTERN, { error: "Not a valid id." });

/** "" means none. */
export const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || ID_PATTERN.test(v), { error: "Not a valid choice." });

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v)), {
    error: "Enter a date as YYYY-MM-DD, e.g. 2026-01-31.",
  });

export const name = requiredText("a name", LIMITS.name);
export const description = optionalText(LIMITS.description);

/** A service's availability target in percent, "99.9" or "99,9"; empty means the default. */
export const availabilityTarget = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return DEFAULT_AVAILABILITY_TARGET;
    const n = /^\d{1,3}([.,]\d{1,4})?$/.test(v) ? Number(v.replace(",", ".")) : Number.NaN;
    const problem = availabilityTargetProblem(n);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    return n;
  });

/**
 * A subscriber's language on a console form: one of the eight, or a per-field error. Absent (a form without
 * the field): undefined, which `subscriberLanguage` turns into the page's default language.
 */
export const consoleLanguage = z.enum(LOCALES, { error: "Choose one of the languages in the list." }).optional();

/** The language chosen, else the page's default (what the public pages speak to someone who chose none). */
export function subscriberLanguage(db: Db, chosen: Locale | undefined): Locale {
  return chosen ?? localeOr(getPageRow(db)?.defaultLocale);
}

// Page settings: the form's rules and the writes, with an audit entry naming the fields that changed.
import { z } from "zod";
import type { Db } from "@/db";
import { LIMITS } from "@/db/constants";
import { getThePage } from "@/db/queries/settings";
import { replaceLogo, updatePageSettings, type PageSettingsFields } from "@/db/writes/settings";
import { isValidTimeZone } from "@/core/config";
import { checkLogo } from "@/core/logo";
import { assertCan, type Actor } from "@/core/actor";
import { singleLine } from "@/core/text-input";
import { DEFAULT_LOCALE, isLocale, LOCALES } from "@/core/i18n/locales";
import { audit } from "./audit";
import { optionalText, requiredText } from "./fields";

// singleLine first: URL parsing silently drops tabs and newlines, which must be refused instead.
const optionalUrl = singleLine(
  z
    .string()
    .trim()
    .max(LIMITS.url, { error: `Use at most ${LIMITS.url} characters.` }),
)
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), {
    error: "Enter a full web address starting with https:// (or http://).",
  });

/** Every IANA zone this runtime knows, for the searchable list. */
export function timeZoneNames(): string[] {
  return Intl.supportedValuesOf("timeZone");
}

export const settingsSchema = z.object({
  name: requiredText("the page name", LIMITS.name),
  url: optionalUrl,
  timeZone: z
    .string()
    .trim()
    .min(1, { error: "Choose a time zone." })
    .refine(
      (zone) => zone === "Etc/UTC" || timeZoneNames().includes(zone) || (zone.includes("/") && isValidTimeZone(zone)),
      {
        error: "This is not a time zone we know. Choose one from the list, e.g. Europe/Berlin.",
      },
    )
    // An alias or different spelling ("europe/berlin", "Asia/Calcutta") is stored under its canonical name.
    .transform((zone) =>
      zone === "Etc/UTC" || timeZoneNames().includes(zone)
        ? zone
        : new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone,
    ),
  accentColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: "Enter a colour as # and six hex digits, e.g. #2563eb." })
    .transform((v) => v.toLowerCase()),
  supportUrl: optionalUrl,
  footerText: optionalText(LIMITS.footer),
  aboutText: optionalText(LIMITS.message),
  staleIncidentMinutes: z
    .string({ error: "Enter whole minutes, e.g. 60." })
    .trim()
    .regex(/^\d{1,5}$/, { error: "Enter whole minutes, e.g. 60." })
    .transform(Number)
    .refine((n) => n >= 5 && n <= 1440, { error: "Choose from 5 to 1440 minutes (24 hours)." }),
  // Optional in the form so an older form still saves; the page keeps English until one is chosen.
  defaultLocale: z
    .string()
    .optional()
    .transform((v) => v ?? DEFAULT_LOCALE)
    .refine(isLocale, { error: `Choose one of the page's languages: ${LOCALES.join(", ")}.` }),
});

export function saveSettings(db: Db, actor: Actor, input: PageSettingsFields, now: number): void {
  assertCan(actor, "settings.write");
  db.transaction((tx) => {
    const before = getThePage(tx);
    const changed = (Object.keys(input) as (keyof PageSettingsFields)[]).filter((key) => before[key] !== input[key]);
    updatePageSettings(tx, before.id, input, now);
    audit(tx, actor, now, "page.update_settings", { type: "page", id: before.id }, { changed });
  });
}

export function uploadLogo(
  db: Db,
  actor: Actor,
  bytes: Uint8Array,
  now: number,
): { ok: true } | { ok: false; message: string } {
  assertCan(actor, "settings.write");
  const check = checkLogo(bytes);
  if (!check.ok) return check;
  db.transaction((tx) => {
    const page = getThePage(tx);
    const id = replaceLogo(tx, page.id, { contentType: check.contentType, bytes: Buffer.from(bytes) }, now);
    audit(
      tx,
      actor,
      now,
      "page.upload_logo",
      { type: "asset", id: id! },
      { contentType: check.contentType, size: bytes.length },
    );
  });
  return { ok: true };
}

export function removeLogo(db: Db, actor: Actor, now: number): void {
  assertCan(actor, "settings.write");
  db.transaction((tx) => {
    const page = getThePage(tx);
    replaceLogo(tx, page.id, null, now);
    audit(tx, actor, now, "page.remove_logo", { type: "page", id: page.id });
  });
}

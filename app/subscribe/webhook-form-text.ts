// The webhook form's fixed words in one language, resolved on the server so the client form carries only the
// strings of the visitor's language (namespace "webhook-form"). Backticks in a message mark code.
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";

const KEYS = [
  "url",
  "urlHint",
  "email",
  "emailHint",
  "sendAbout",
  "everything",
  "onlyChosen",
  "tooMany",
  "registering",
  "register",
  "createdHeading",
  "pinging",
  "pingRest",
  "secretLabel",
  "signature",
  "verifyLink",
  "unsubscribeNote",
] as const;

export type WebhookFormText = Record<(typeof KEYS)[number], string>;

export function webhookFormText(locale: Locale): WebhookFormText {
  const t = translator(locale, "webhook-form");
  return Object.fromEntries(KEYS.map((key) => [key, t(key)])) as WebhookFormText;
}

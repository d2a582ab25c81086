// The chat form's fixed words in one language, resolved on the server so the client form carries only the
// strings of the visitor's language (namespace "chat-form").
import { CHAT_PLATFORM_LABELS, CHAT_PLATFORMS, type ChatPlatform } from "@/db/constants";
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";

const KEYS = [
  "postTo",
  "url",
  "urlHint",
  "email",
  "emailHint",
  "postAbout",
  "everything",
  "onlyChosen",
  "tooMany",
  "connecting",
  "connect",
  "connectedText",
] as const;

export type ChatFormText = Record<(typeof KEYS)[number], string> & {
  /** Where each platform hands out the URL, for the hint. */
  where: Record<ChatPlatform, string>;
  connectedHeading: Record<ChatPlatform, string>;
};

export function chatFormText(locale: Locale): ChatFormText {
  const t = translator(locale, "chat-form");
  const perPlatform = (f: (p: ChatPlatform) => string) =>
    Object.fromEntries(CHAT_PLATFORMS.map((p) => [p, f(p)])) as Record<ChatPlatform, string>;
  return {
    ...(Object.fromEntries(KEYS.map((key) => [key, t(key)])) as Record<(typeof KEYS)[number], string>),
    where: perPlatform((p) => t(`where.${p}`)),
    connectedHeading: perPlatform((p) => t("connectedHeading", { platform: CHAT_PLATFORM_LABELS[p] })),
  };
}

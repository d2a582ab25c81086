// What every platform's renderer shares: the links a message carries and its fixed words in the channel's
// language (services/notifications/words.ts).
import type { ChatHelpfulLinks } from "../helpful";
import type { ChatMessage } from "../message";
import { words } from "@/services/notifications/words";

export interface ChatLinks {
  unsubscribe: string;
  /** "Was this helpful? Yes / No" (services/chat/helpful.ts); absent for a message about no update. */
  helpful?: ChatHelpfulLinks;
}

/** A payload's size as the platform counts it: the JSON body's bytes. */
export const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

export function fixedWords(m: ChatMessage) {
  const t = words(m.locale ?? "en");
  return {
    view: t("email.view"),
    unsubscribe: t("chat.unsubscribe"),
    affected: t("email.affectedServices"),
    more: t("chat.more"),
    moreLine: (n: number) => t("chat.moreServices", { n }),
  };
}

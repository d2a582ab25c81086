// "Was this helpful? Yes / No" under a chat message: links to the vote page of the update (a GET only shows
// the buttons, as from an email), carrying the channel's voter token signed like an email subscriber's, so one
// channel has one changeable vote per update. The words come from the `votes` namespace in the given language.
import { translator } from "@/core/i18n/translate";
import { messageUrl, type MessageLanguage } from "@/core/i18n/message-url";
import { signSubscriberToken } from "@/services/notifications/tokens";

export interface ChatHelpfulLinks {
  question: string;
  yes: { label: string; url: string };
  no: { label: string; url: string };
}

/** The vote links for a message about `updateId`; undefined for a message about no update. */
export function chatHelpfulLinks(
  base: string,
  appSecret: string,
  subscriber: { id: string; tokenVersion: number },
  updateId: string | null | undefined,
  lang: MessageLanguage,
): ChatHelpfulLinks | undefined {
  if (!updateId) return undefined;
  const t = translator(lang.locale, "votes");
  const voter = signSubscriberToken(appSecret, "vote", subscriber.id, subscriber.tokenVersion);
  const page = messageUrl(base, lang, `/helpful/${encodeURIComponent(updateId)}?voter=${encodeURIComponent(voter)}`);
  return {
    question: t("chatQuestion"),
    yes: { label: t("yes"), url: `${page}&v=yes` },
    no: { label: t("no"), url: `${page}&v=no` },
  };
}

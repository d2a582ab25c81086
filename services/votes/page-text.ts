// The vote page's fixed texts: the URL carries only a code from this list, never words of its own; the words
// are in the page's language (namespace "helpful").
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { VOTE_LIMITS } from "./vote";

export const VISITOR_COOKIE = "helpful_voter";

export const VOTE_ERRORS = ["choose", "comment-too-long", "comment-characters", "bad-link", "too-many"] as const;
export type VoteError = (typeof VOTE_ERRORS)[number];

export function voteErrorText(code: string | undefined, locale: Locale): string | null {
  if (!code || !(VOTE_ERRORS as readonly string[]).includes(code)) return null;
  return translator(locale, "helpful")(`errors.${code as VoteError}`, { max: VOTE_LIMITS.comment });
}

// The vote page's fixed texts: the URL carries only a code from this list, never words of its own.
export const VISITOR_COOKIE = "helpful_voter";

export const VOTE_ERRORS = {
  choose: "Choose Yes or No.",
  "comment-too-long": "Keep the comment to 500 characters.",
  "comment-characters": "Remove control characters from the comment.",
  "bad-link": "This link is not valid any more. You can still vote here as a visitor.",
  "too-many": "Too many votes from your network right now. Please try again later.",
} as const;
export type VoteError = keyof typeof VOTE_ERRORS;

export function voteErrorText(code: string | undefined): string | null {
  return code && Object.hasOwn(VOTE_ERRORS, code) ? VOTE_ERRORS[code as VoteError] : null;
}

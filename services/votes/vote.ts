// "Was this update helpful?": Yes or No, an optional short comment with a No. No account: a subscriber is
// known by the signed voter token in their email's links, a visitor by a random cookie the vote route sets.
// One vote per update per voter; voting again changes it, so a replayed link changes nothing. Only a POST
// records: the email's links open a page with a button (mail scanners follow GET links).
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db";
import { existingVote, subscriberForVote, votableUpdate } from "@/db/queries/update-votes";
import { ensureAppSecret } from "@/db/writes/page";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { upsertVote } from "@/db/writes/update-votes";
import { isId } from "@/core/ids";
import { multiLine } from "@/core/text-input";
import { HOUR } from "@/core/time";
import { tokenSubscriberId, verifySubscriberToken } from "@/services/notifications/tokens";

export const VOTE_LIMITS = { comment: 500, perAddressPerHour: 60 };

// The messages are the vote page's error codes (services/votes/page-text.ts), which it says in the page's
// language; multiLine's own sentence (a control character) stands for "comment-characters".
export const voteSchema = z.object({
  helpful: z.enum(["yes", "no"], { error: "choose" }),
  comment: multiLine(z.string().trim().max(VOTE_LIMITS.comment, { error: "comment-too-long" })).default(""),
});

/** Who votes: a subscriber's token from an email link, or a visitor's cookie value (or none yet). */
export type Voter = { subscriberToken: string } | { visitorCookie: string };

export type VoteResult =
  | { status: "recorded"; helpful: boolean }
  | { status: "invalid"; errors: Record<string, string[] | undefined> }
  | { status: "not-found" }
  | { status: "bad-link" }
  | { status: "too-many" };

const hash = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

/** The voter key a voter is stored under, or null when a subscriber's token does not verify. */
export function voterKey(db: Db, voter: Voter, now = Date.now()): string | null {
  if ("visitorCookie" in voter)
    return /^[A-Za-z0-9_-]{16,64}$/.test(voter.visitorCookie) ? `v:${hash(voter.visitorCookie)}` : null;
  const id = tokenSubscriberId(voter.subscriberToken);
  const subscriber = id ? subscriberForVote(db, id) : undefined;
  if (!subscriber) return null;
  return verifySubscriberToken(ensureAppSecret(db, now), "vote", voter.subscriberToken, subscriber)
    ? `s:${subscriber.id}`
    : null;
}

export function castVote(
  db: Db,
  updateId: string,
  voter: Voter,
  raw: z.input<typeof voteSchema>,
  clientAddress: string,
  now = Date.now(),
): VoteResult {
  if (!isId(updateId)) return { status: "not-found" };
  const parsed = voteSchema.safeParse(raw);
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors };
  const key = voterKey(db, voter, now);
  if (!key) return { status: "bad-link" };
  const helpful = parsed.data.helpful === "yes";
  return db.transaction(
    (tx) => {
      // A deleted update (or one that never was) takes no votes.
      if (!votableUpdate(tx, updateId)) return { status: "not-found" as const };
      if (!consumeRateLimit(tx, `vote:ip:${hash(clientAddress)}`, VOTE_LIMITS.perAddressPerHour, HOUR, now))
        return { status: "too-many" as const };
      // A No keeps its comment; a later No without one keeps the earlier comment; a Yes drops it.
      const before = existingVote(tx, updateId, key);
      const comment = helpful ? null : parsed.data.comment || (before && !before.helpful ? before.comment : null);
      upsertVote(tx, { updateId, voterKey: key, helpful, comment: comment || null }, now);
      return { status: "recorded" as const, helpful };
    },
    { behavior: "immediate" },
  );
}

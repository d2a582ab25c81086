// "Get updates on this incident": a confirmed opt-in like the page's sign-up (the same confirmation email,
// links and limits), for one incident's notifications, ending after its resolution or postmortem
// (core/incident-follow.ts). Every valid request gets the same answer whether or not the address is known;
// an address whose page subscription already covers the incident is told so by email instead.
import { subscriptionAudience } from "@/core/audience";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Audience } from "@/db/constants";
import type { Db } from "@/db";
import { getFollow, getPageRow, pageSubscriptionCovering } from "@/db/queries/subscribers";
import { incidentHiddenFromPublic } from "@/db/queries/audience";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { enqueueNotification } from "@/db/writes/outbox";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { followIsOver } from "@/core/incident-follow";
import { isId } from "@/core/ids";
import { HOUR } from "@/core/time";
import { SUBSCRIBE_LIMITS, startConfirmation } from "./subscribe";
import type { InvalidSignup } from "@/core/signup-problems";
import { languageField } from "./language";
import { emailField, emailSignupProblems } from "./email-field";

/** The form's rules; the messages are problem codes (services/subscriptions/email-field.ts). */
export const followSchema = z.object({
  email: emailField,
  /** The checkbox: also the postmortem, when one is published after the resolution. */
  postmortem: z.boolean().default(false),
  /** The honeypot: a field people never see or fill in. */
  website: z.string().max(1000).default(""),
  /** The language of the page it was posted from (missing or tampered: the default). */
  language: languageField,
});
export type FollowInput = z.input<typeof followSchema>;

export type FollowResult =
  | { status: "check-inbox" }
  /** Its problems (say them with inLanguage) and their English words. */
  | InvalidSignup
  | { status: "too-many" }
  | { status: "not-found" }
  /** Resolved (and its postmortem out, or not asked for): nothing more will be sent about it. */
  | { status: "over" };

const hash = (value: string) => createHash("sha256").update(value).digest("hex");

export function requestFollow(
  db: Db,
  incidentId: string,
  raw: FollowInput,
  ip: string,
  now = Date.now(),
  /** Who asked, as the server resolved it: only the internal audience may follow an internal incident. */
  audience: Audience = "public",
): FollowResult {
  const item = isId(incidentId) ? getPublicIncident(db, incidentId, audience) : undefined;
  const page = getPageRow(db);
  if (!item || !page || item.incident.pageId !== page.id) return { status: "not-found" };
  const parsed = followSchema.safeParse(raw);
  if (!parsed.success) return emailSignupProblems(parsed.error);
  const input = parsed.data;
  if (input.website !== "") return { status: "check-inbox" }; // a bot: pretend, do nothing
  if (followIsOver(item.incident, input.postmortem, now)) return { status: "over" };
  const email = input.email.toLowerCase();
  // The subscribe form's limits and counters: following is one more way to sign up, not a way around them.
  return db.transaction((tx) => {
    if (!consumeRateLimit(tx, `subscribe:ip:${hash(ip).slice(0, 32)}`, SUBSCRIBE_LIMITS.perIpPerHour, HOUR, now))
      return { status: "too-many" as const };
    const sameAnswer = { status: "check-inbox" as const };
    if (
      !consumeRateLimit(tx, `subscribe:email:${hash(email).slice(0, 32)}`, SUBSCRIBE_LIMITS.perEmailPerHour, HOUR, now)
    )
      return sameAnswer;
    const existing = getFollow(tx, page.id, email, incidentId);
    if (existing?.state === "pending" && (existing.confirmationExpiresAt ?? 0) > now) return sameAnswer;
    if (!consumeRateLimit(tx, "subscribe:confirmations", SUBSCRIBE_LIMITS.confirmationsPerHour, HOUR, now))
      return { status: "too-many" as const };
    // A public page subscription does not cover an incident only the internal audience sees: it never hears of it.
    const found = pageSubscriptionCovering(tx, page.id, email, incidentId);
    const covering =
      found && (found.audience === "internal" || !incidentHiddenFromPublic(tx, page.id, incidentId))
        ? found
        : undefined;
    if (covering || existing?.state === "active") {
      // Told by email, not on the page, so the form never says who is subscribed.
      enqueueNotification(tx, {
        pageId: page.id,
        kind: "subscription_manage_link",
        subscriberId: (covering ?? existing)!.id,
        incidentId: covering ? incidentId : null,
        at: now,
      });
      return sameAnswer;
    }
    // An address outside the page's email domains follows as the public: an internal incident then has
    // nothing to send it, so no follow is made (and the answer is the same).
    const who = subscriptionAudience(audience, email, page.viewerEmailDomains);
    if (who === "public" && incidentHiddenFromPublic(tx, page.id, incidentId)) return sameAnswer;
    startConfirmation(
      tx,
      page,
      existing?.id ?? null,
      {
        email,
        componentIds: [],
        follow: { incidentId, postmortem: input.postmortem },
        language: input.language,
        audience: who,
      },
      now,
    );
    return sameAnswer;
  });
}

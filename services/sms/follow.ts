// Following one incident by SMS: the same code-by-SMS flow and limits as an SMS sign-up (subscribe.ts), for
// that incident's notifications only, ending after its resolution or postmortem like an email follow
// (core/incident-follow.ts, db/writes/follows.ts). Every valid request gets the same answer, the code form:
// a number whose SMS subscription already covers the incident (or that already follows it) is told so by
// SMS instead, so the page never says which numbers are subscribed.
import { z } from "zod";
import type { Db } from "@/db";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { getSmsFollow, smsSubscriptionCovering } from "@/db/queries/sms";
import { getPageRow } from "@/db/queries/subscribers";
import { enqueueNotification } from "@/db/writes/outbox";
import { translator } from "@/core/i18n/translate";
import type { Locale } from "@/core/i18n/locales";
import { followIsOver } from "@/core/incident-follow";
import { isId, newId } from "@/core/ids";
import { parsePhoneNumber } from "@/core/phone";
import { invalidField, invalidSignup, problemsFromFieldErrors, type InvalidSignup } from "@/core/signup-problems";
import { languageField } from "@/services/subscriptions/language";
import { consumeCodeLimits, startSmsVerification } from "./subscribe";

export const smsFollowSchema = z.object({
  phone: z.string().max(40, { error: "phoneInternational" }),
  postmortem: z.boolean().default(false),
  /** The honeypot. */
  website: z.string().max(1000).default(""),
  /** The language of the page it was posted from: the follower's texts are written in it. */
  language: languageField,
});
export type SmsFollowInput = z.input<typeof smsFollowSchema>;

export type SmsFollowResult =
  /** The code form: for a real pending follow its id, otherwise a decoy that names nothing. */
  | { status: "code-sent"; subscriberId: string }
  | InvalidSignup
  | { status: "too-many" }
  | { status: "not-found" }
  | { status: "over" };

/** The SMS to a number that asked to follow what it already gets. */
export function alreadySubscribedText(page: string, incident: string, locale: Locale): string {
  return translator(locale, "sms-follow")("alreadySubscribed", { page, incident });
}

export function requestSmsFollow(
  db: Db,
  incidentId: string,
  raw: SmsFollowInput,
  ip: string,
  now = Date.now(),
): SmsFollowResult {
  const item = isId(incidentId) ? getPublicIncident(db, incidentId) : undefined;
  const page = getPageRow(db);
  if (!item || !page || item.incident.pageId !== page.id) return { status: "not-found" };
  const parsed = smsFollowSchema.safeParse(raw);
  if (!parsed.success) return invalidSignup(problemsFromFieldErrors(z.flattenError(parsed.error).fieldErrors));
  const input = parsed.data;
  const phone = parsePhoneNumber(input.phone);
  if (!phone.ok) return invalidField("phone", phone.problem);
  const decoy = { status: "code-sent" as const, subscriberId: newId() };
  if (input.website !== "") return decoy; // a bot: pretend, do nothing
  if (followIsOver(item.incident, input.postmortem, now)) return { status: "over" };
  return db.transaction((tx): SmsFollowResult => {
    if (!consumeCodeLimits(tx, ip, phone.e164, now)) return { status: "too-many" };
    const existing = getSmsFollow(tx, page.id, phone.e164, incidentId);
    // Covered: the number's subscription includes one of the incident's services and its impact (SMS is
    // major and critical only unless widened), so following would add nothing.
    const pageWide = smsSubscriptionCovering(tx, page.id, phone.e164, incidentId);
    const covering =
      pageWide && (pageWide.smsAllImpacts || ["major", "critical"].includes(item.incident.impact)) ? pageWide : null;
    const told = covering ?? (existing?.state === "active" && existing.followEndedAt === null ? existing : null);
    if (told) {
      enqueueNotification(tx, {
        pageId: page.id,
        kind: "sms_already_subscribed",
        subscriberId: told.id,
        at: now,
        payload: { incidentName: item.incident.name },
      });
      return decoy;
    }
    const id = startSmsVerification(
      tx,
      page.id,
      existing?.id ?? null,
      phone.e164,
      {
        scope: "all",
        componentIds: [],
        allImpacts: true,
        language: input.language,
        follow: { incidentId, postmortem: input.postmortem },
      },
      now,
    );
    return { status: "code-sent", subscriberId: id };
  });
}

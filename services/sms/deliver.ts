// The SMS lane's work and the channel's fan-out. One delivery is one message to one number: the verification
// code, or an incident's notification in at most two segments (core/sms-segments.ts) ending with its link.
// Never inside a transaction. Twilio has no idempotency key for messages: the outbox's lease keeps two workers
// from sending one delivery, and an attempt whose answer was lost (no status: a timeout or a dropped
// connection after the request may have gone out) makes the next attempt ask Twilio's Messages list first.
import { PLAIN, toChatMarkup } from "@/services/chat/markup";
import { incidentHiddenFromPublic } from "@/db/queries/audience";
import type { Db } from "@/db";
import { notificationContext } from "@/db/queries/notifications";
import { getSubscriber } from "@/db/queries/subscribers";
import { incidentForSms, smsCandidates, smsFollowers } from "@/db/queries/sms";
import type { Delivery, Notification, Subscriber } from "@/db/schema";
import { markDeliverySent, recordDeliveryFailure } from "@/db/writes/outbox-results";
import { unsubscribe } from "@/db/writes/subscribers";
import { fitToSegments } from "@/core/sms-segments";
import { smsWants } from "@/core/sms-rules";
import { localeOr, subjectLine, words } from "@/services/notifications/words";
import { withFollowers } from "@/core/incident-follow";
import type { DeliveryOutcome } from "@/services/notifications/lanes";
import { decideRetry, type RetryPolicy } from "@/services/notifications/retry-policy";
import { remember, type SendMemo } from "@/services/notifications/memo";
import { shortLink } from "@/services/short-links";
import { translator } from "@/core/i18n/translate";
import { alreadySubscribedText } from "./follow";
import { smsManageCode } from "./manage";
import { smsCode } from "./subscribe";
import type { SmsSender } from "./twilio";

/** The start of lastError for an attempt that got no answer: the next attempt asks Twilio before sending. */
export const NO_ANSWER = "Twilio no answer";

/**
 * How far before the failed attempt was recorded its message may have been created at Twilio: the send's
 * timeout, and some clock difference between us and Twilio.
 */
export const LOST_ANSWER_WINDOW_MS = 10 * 60_000;

/** Messages stay within two segments: one notification never costs more than two SMS. */
export const MAX_SEGMENTS = 2;

/** The SMS recipients of a notification (by id), chosen once at fan-out. */
export function smsRecipientIds(db: Db, n: Pick<Notification, "kind" | "pageId" | "incidentId" | "subscriberId">) {
  if (ONE_NUMBER_KINDS.has(n.kind)) return n.subscriberId ? [n.subscriberId] : [];
  if (!n.incidentId) return [];
  // SMS subscribers are public: an incident that touches only internal services is not theirs.
  if (incidentHiddenFromPublic(db, n.pageId, n.incidentId)) return [];
  const incident = incidentForSms(db, n.incidentId);
  if (!incident) return [];
  const pageWide = smsCandidates(db, n.pageId, n.incidentId).filter((c) =>
    smsWants(n.kind, incident.impact, c.allImpacts),
  );
  // Followers asked for this incident: every update of it whatever its impact, and its postmortem (their
  // follow ends before one if they did not ask for it). One SMS per number when also subscribed page-wide.
  const followers =
    smsWants(n.kind, incident.impact, true) || n.kind === "postmortem_published" ? smsFollowers(db, n.incidentId) : [];
  const asEmail = (r: { id: string; phone: string | null }) => ({ id: r.id, email: r.phone });
  if (n.kind === "postmortem_published") return withFollowers([], followers.map(asEmail));
  return withFollowers(pageWide.map(asEmail), followers.map(asEmail));
}

/** SMS notifications to one number only: its code, or "you already get these". */
const ONE_NUMBER_KINDS: ReadonlySet<string> = new Set([
  "sms_verification",
  "sms_already_subscribed",
  "sms_manage_code",
]);

/** Markdown to the plain words an SMS can carry, through the one Markdown parser and policy. */
export function plain(markdown: string): string {
  return toChatMarkup(markdown, PLAIN).replace(/\s+/g, " ").trim();
}

/** The text of one message, or null when there is nothing to send (the notification or incident is gone). */
export function smsText(
  db: Db,
  delivery: Delivery,
  subscriber: Subscriber | undefined,
  secret: string,
  publicUrl: string,
  now: number,
  memo?: SendMemo,
): string | null {
  const id = delivery.notificationId;
  // The notification's context and each language's incident text are the same for every number.
  const ctx = remember(memo, `sms:${id}`, now, () => notificationContext(db, id, now));
  if (!ctx || !subscriber) return null;
  const page = ctx.page.name;
  const locale = localeOr(subscriber.language);
  const t = words(locale, ctx.page.timeZone);
  if (ctx.notification.kind === "sms_verification") {
    if (subscriber.state !== "pending" || !subscriber.confirmationSentAt) return null;
    return t("sms.code", { page, code: smsCode(secret, subscriber.id, subscriber.confirmationSentAt) });
  }
  if (ctx.notification.kind === "sms_manage_code") {
    const window = Number(ctx.notification.payload?.window);
    if (subscriber.state !== "active" || !Number.isInteger(window)) return null;
    const code = smsManageCode(secret, subscriber.id, window);
    return translator(locale, "sms-manage")("codeSms", { page, code });
  }
  if (ctx.notification.kind === "sms_already_subscribed") {
    if (subscriber.state !== "active") return null;
    return alreadySubscribedText(page, String(ctx.notification.payload?.incidentName ?? ""), locale);
  }
  if (!ctx.incident || subscriber.state !== "active" || subscriber.pausedAt !== null) return null;
  const incident = ctx.incident;
  return remember(memo, `sms:${id}:${locale}`, now, () => {
    const subject = subjectLine(locale, ctx.notification.kind, ctx.update?.status ?? incident.status, incident.name);
    const body = ctx.update ? plain(ctx.update.body) : "";
    return fitToSegments(
      body ? t("sms.message", { page, subject, body }) : t("sms.messageNoBody", { page, subject }),
      ` ${shortLink(ctx.page.url ?? publicUrl, incident.id, { locale, defaultLocale: localeOr(ctx.page.defaultLocale) })}`,
      MAX_SEGMENTS,
    );
  });
}

export interface SmsLaneContext {
  db: Db;
  workerId: string;
  clock: () => number;
  secret: string;
  publicUrl: string;
  sender: SmsSender | null;
  policy: RetryPolicy;
  memo?: SendMemo;
}

export async function deliverSms(ctx: SmsLaneContext, delivery: Delivery): Promise<DeliveryOutcome> {
  const { db, workerId, clock } = ctx;
  const fail = (error: string, statusCode: number | null): DeliveryOutcome => {
    const at = clock();
    recordDeliveryFailure(db, delivery, workerId, at, {
      state: "failed",
      nextAttemptAt: at,
      countsAsAttempt: true,
      error,
      statusCode,
    });
    return "failed";
  };
  if (!ctx.sender) return fail("SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)", null);
  const subscriber = getSubscriber(db, delivery.recipients[0]);
  const text = smsText(db, delivery, subscriber, ctx.secret, ctx.publicUrl, clock(), ctx.memo);
  if (!text || !subscriber?.phone) {
    // Unsubscribed, paused or verified since the fan-out: nothing to send, and nothing failed.
    markDeliverySent(db, delivery, workerId, clock(), null);
    return "sent";
  }
  if (delivery.attempts > 0 && delivery.lastStatusCode === null && delivery.lastError?.startsWith(NO_ANSWER)) {
    // The last attempt's answer was lost: it may have gone through. Its text is the same now (it is made
    // from the same rows), so an identical message to this number since that attempt means it did.
    const check = await ctx.sender.findSent(subscriber.phone, text, delivery.updatedAt - LOST_ANSWER_WINDOW_MS);
    if (!check.ok) {
      // Not knowing is no reason to risk a second message: wait and ask again, as for no answer.
      return retryLater(
        ctx,
        delivery,
        `${NO_ANSWER}; could not check Twilio's list of sent messages: ${check.message}`,
      );
    }
    if (check.found) {
      markDeliverySent(db, delivery, workerId, clock(), null);
      return "sent";
    }
  }
  const result = await ctx.sender.send(subscriber.phone, text);
  const at = clock();
  if (result.ok) {
    markDeliverySent(db, delivery, workerId, at, null);
    return "sent";
  }
  const error =
    result.status === null
      ? `${NO_ANSWER}: ${result.message}`
      : `Twilio ${result.status}${result.code ? ` (${result.code})` : ""}: ${result.message}`;
  if (result.optedOut) {
    // The number replied STOP to our sender: Twilio refuses it from now on, and so do we.
    db.transaction((tx) => unsubscribe(tx, subscriber.id, at));
    return fail(error, result.status);
  }
  const decision = decideRetry(
    {
      statusCode: result.status,
      name: result.code === 20429 ? "rate_limit_exceeded" : "",
      retryAfterMs: null,
      resetMs: null,
    },
    delivery.attempts + 1,
    at,
    ctx.policy,
  );
  if (decision.action !== "retry") return fail(error, result.status);
  recordDeliveryFailure(db, delivery, workerId, at, {
    state: "pending",
    nextAttemptAt: at + decision.delayMs,
    countsAsAttempt: decision.countsAsAttempt,
    error,
    statusCode: result.status,
  });
  return "retried";
}

/** No answer (from the send or from the list): tried again on the retry policy, counted as an attempt. */
function retryLater(ctx: SmsLaneContext, delivery: Delivery, error: string): DeliveryOutcome {
  const at = ctx.clock();
  const decision = decideRetry(
    { statusCode: null, name: "", retryAfterMs: null, resetMs: null },
    delivery.attempts + 1,
    at,
    ctx.policy,
  );
  recordDeliveryFailure(ctx.db, delivery, ctx.workerId, at, {
    state: decision.action === "retry" ? "pending" : "failed",
    nextAttemptAt: decision.action === "retry" ? at + decision.delayMs : at,
    countsAsAttempt: true,
    error,
    statusCode: null,
  });
  return decision.action === "retry" ? "retried" : "failed";
}

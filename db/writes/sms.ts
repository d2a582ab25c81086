// SMS subscriber writes, and the outbox rows of the SMS channel.
import { and, eq, inArray } from "drizzle-orm";
import { newId } from "@/core/ids";
import type { Locale } from "@/core/i18n/locales";
import type { Tx } from "../index";
import { deliveries, subscribers } from "../schema";
import { setSubscriberComponents } from "./subscribers";

export interface PendingSms {
  /** The id a new subscriber gets (its code is derived from it); a fresh one if not given. */
  id?: string;
  phone: string;
  componentIds: readonly string[];
  allImpacts: boolean;
  codeHash: string;
  at: number;
  expiresAt: number;
  /** The subscriber's language (core/i18n/locales.ts); omitted: the column's default, or unchanged. */
  language?: Locale;
  /** Set for following one incident by SMS (core/incident-follow.ts): its notifications only. */
  follow?: { incidentId: string; postmortem: boolean };
}

/** Makes the number's subscription pending its code (new, expired, unsubscribed before). */
export function upsertPendingSmsSubscriber(tx: Tx, pageId: string, existingId: string | null, input: PendingSms) {
  const common = {
    state: "pending" as const,
    smsAllImpacts: input.allImpacts,
    confirmTokenHash: input.codeHash,
    confirmationSentAt: input.at,
    confirmationExpiresAt: input.expiresAt,
    ...(input.language ? { language: input.language } : {}),
    updatedAt: input.at,
    // Following again after a follow ended starts it afresh.
    ...(input.follow ? { followPostmortem: input.follow.postmortem, followEndedAt: null } : {}),
  };
  const id = existingId ?? input.id ?? newId();
  if (existingId) tx.update(subscribers).set(common).where(eq(subscribers.id, existingId)).run();
  else
    tx.insert(subscribers)
      .values({
        id,
        pageId,
        kind: "sms",
        phone: input.phone,
        origin: "public",
        followIncidentId: input.follow?.incidentId ?? null,
        createdAt: input.at,
        ...common,
      })
      .run();
  setSubscriberComponents(tx, id, input.componentIds, input.at);
  return id;
}

/** The idempotency key of an SMS delivery: one message per notification and number, ever. */
export function smsDeliveryKey(notificationId: string, subscriberId: string) {
  return `notification/${notificationId}/sms/${subscriberId}`;
}

/** One delivery per SMS recipient (a message is to one number), in the fan-out's transaction. */
export function insertSmsDeliveries(tx: Tx, notificationId: string, subscriberIds: readonly string[], at: number) {
  if (subscriberIds.length === 0) return;
  tx.insert(deliveries)
    .values(
      subscriberIds.map((subscriberId, chunk) => ({
        id: newId(),
        notificationId,
        channel: "sms" as const,
        chunk,
        recipients: [subscriberId],
        idempotencyKey: smsDeliveryKey(notificationId, subscriberId),
        nextAttemptAt: at,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .onConflictDoNothing()
    .run();
}

/** A STOP reply: every SMS subscription of that number ends at once. */
export function unsubscribeSmsNumber(tx: Tx, pageId: string, phone: string, at: number): number {
  return tx
    .update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: at, updatedAt: at })
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "sms"),
        eq(subscribers.phone, phone),
        inArray(subscribers.state, ["pending", "active"]),
      ),
    )
    .run().changes;
}

/** Widens SMS to every incident notification, or narrows it back to major/critical and reminders. */
export function setSmsAllImpacts(tx: Tx, subscriberId: string, allImpacts: boolean, at: number) {
  tx.update(subscribers)
    .set({ smsAllImpacts: allImpacts, updatedAt: at })
    .where(and(eq(subscribers.id, subscriberId), eq(subscribers.kind, "sms")))
    .run();
}

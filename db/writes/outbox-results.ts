// Recording what a send did: a claimed delivery sent, failed (retried, parked or given up) or given back
// untried, and its endpoint's circuit (services/notifications/circuit-breaker.ts). Only the worker holding a
// delivery's lease can record its outcome.
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { DeliveryChannel } from "@/db/constants";
import type { Tx } from "../index";
import { deliveries, emailMessages, subscribers, type Delivery } from "../schema";
import { firstRecipient } from "./outbox-claim";

const held = (id: string, workerId: string) => and(eq(deliveries.id, id), eq(deliveries.lockedBy, workerId));

/** Sent (or kept locally): the delivery is done, and each email gets its provider id. */
export function markDeliverySent(
  db: Tx,
  delivery: Delivery,
  workerId: string,
  at: number,
  providerIds: (string | null)[] | null,
) {
  const done = (tx: Tx) =>
    tx
      .update(deliveries)
      .set({
        state: "sent",
        completedAt: at,
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        lastStatusCode: null,
        updatedAt: at,
      })
      .where(held(delivery.id, workerId))
      .run();
  // Only email deliveries have rendered messages: a POST or an SMS is one UPDATE.
  if (delivery.channel !== "email") return void done(db);
  db.transaction((tx) => {
    done(tx);
    const messages = tx
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(eq(emailMessages.deliveryId, delivery.id))
      .orderBy(sql`rowid`)
      .all();
    messages.forEach((m, i) => {
      const set = providerIds
        ? { state: "sent" as const, providerId: providerIds[i] ?? null, updatedAt: at }
        : { state: "kept_locally" as const, updatedAt: at };
      tx.update(emailMessages).set(set).where(eq(emailMessages.id, m.id)).run();
    });
  });
}

export interface DeliveryOutcome {
  state: "pending" | "parked" | "failed";
  nextAttemptAt: number;
  /** Whether this attempt counts toward giving up (rate limits and quotas do not). */
  countsAsAttempt: boolean;
  error: string;
  statusCode: number | null;
}

export function recordDeliveryFailure(
  db: Tx,
  delivery: Delivery,
  workerId: string,
  at: number,
  outcome: DeliveryOutcome,
) {
  db.transaction((tx) => {
    tx.update(deliveries)
      .set({
        state: outcome.state,
        attempts: delivery.attempts + (outcome.countsAsAttempt ? 1 : 0),
        nextAttemptAt: outcome.nextAttemptAt,
        lockedBy: null,
        lockedUntil: null,
        lastError: outcome.error.slice(0, 1000),
        lastStatusCode: outcome.statusCode,
        completedAt: outcome.state === "failed" ? at : null,
        updatedAt: at,
      })
      .where(held(delivery.id, workerId))
      .run();
    if (outcome.state === "failed") {
      tx.update(emailMessages)
        .set({ state: "failed", updatedAt: at })
        .where(eq(emailMessages.deliveryId, delivery.id))
        .run();
    }
  });
}

/**
 * Gives a claimed delivery back without trying it (its endpoint's circuit is open): due again at `until`,
 * no attempt counted, the last error kept for the console.
 */
export function deferDelivery(db: Tx, delivery: Delivery, workerId: string, at: number, until: number) {
  db.update(deliveries)
    .set({ state: "pending", nextAttemptAt: until, lockedBy: null, lockedUntil: null, updatedAt: at })
    .where(held(delivery.id, workerId))
    .run();
}

/** A send to this endpoint worked: its circuit closes. */
export function recordEndpointSuccess(tx: Tx, subscriberId: string) {
  tx.update(subscribers)
    .set({ circuitFailures: 0, circuitOpenUntil: null })
    .where(
      and(
        eq(subscribers.id, subscriberId),
        or(sql`${subscribers.circuitFailures} > 0`, sql`${subscribers.circuitOpenUntil} is not null`),
      ),
    )
    .run();
}

/**
 * The endpoint asked us to wait (a 429 with Retry-After): its other waiting deliveries of this channel move
 * to `until` too, so the next one does not run straight into the same limit. No attempt is counted.
 */
export function holdEndpointDeliveries(
  tx: Tx,
  subscriberId: string,
  channel: DeliveryChannel,
  at: number,
  until: number,
) {
  tx.update(deliveries)
    .set({ nextAttemptAt: until, updatedAt: at })
    .where(
      and(
        eq(deliveries.channel, channel),
        eq(firstRecipient, subscriberId),
        inArray(deliveries.state, ["pending", "parked"]),
        lt(deliveries.nextAttemptAt, until),
      ),
    )
    .run();
}

/**
 * A send to this endpoint failed: one more in its streak. When `cooldownMs` says the circuit opens, it
 * opens until then, and the endpoint's other waiting deliveries of this channel move to that time too (no
 * attempt counted). Returns when the circuit is open until, or null.
 */
export function recordEndpointFailure(
  tx: Tx,
  subscriberId: string,
  channel: DeliveryChannel,
  at: number,
  cooldownMs: (failures: number) => number | null,
): number | null {
  const row = tx
    .update(subscribers)
    .set({ circuitFailures: sql`${subscribers.circuitFailures} + 1` })
    .where(eq(subscribers.id, subscriberId))
    .returning({ failures: subscribers.circuitFailures })
    .get();
  const cooldown = row ? cooldownMs(row.failures) : null;
  if (cooldown === null) return null;
  const until = at + cooldown;
  tx.update(subscribers).set({ circuitOpenUntil: until }).where(eq(subscribers.id, subscriberId)).run();
  holdEndpointDeliveries(tx, subscriberId, channel, at, until);
  return until;
}

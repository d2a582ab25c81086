// The notification outbox. A change writes its notification in its own transaction (enqueueNotification);
// the fan-out turns it into deliveries exactly once; workers claim deliveries with a lease and record the
// outcome. No function here talks to the network: sending happens between these calls, outside transactions.
import { and, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DeliveryChannel, NotificationKind } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Db, Tx } from "../index";
import { chatDeliveryKey } from "../queries/chat";
import { webhookDeliveryKey } from "../queries/webhooks";
import { deliveries, emailMessages, incidentUpdates, notifications, subscribers, type Delivery } from "../schema";

export interface NewNotification {
  pageId: string;
  kind: NotificationKind;
  at: number;
  incidentId?: string | null;
  incidentUpdateId?: string | null;
  /** For a message to one person (confirmation, manage link). */
  subscriberId?: string | null;
  payload?: Record<string, unknown> | null;
}

/**
 * Writes a notification to the outbox. Call it inside the transaction that makes the change, so the change
 * and its notification commit (or roll back) together. Constant time: recipients are chosen later.
 */
export function enqueueNotification(tx: Tx, input: NewNotification): string {
  const id = newId();
  tx.insert(notifications)
    .values({
      id,
      pageId: input.pageId,
      kind: input.kind,
      incidentId: input.incidentId ?? null,
      incidentUpdateId: input.incidentUpdateId ?? null,
      subscriberId: input.subscriberId ?? null,
      payload: input.payload ?? null,
      createdAt: input.at,
    })
    .run();
  if (input.incidentUpdateId) {
    tx.update(incidentUpdates)
      .set({ notifiedAt: input.at })
      .where(eq(incidentUpdates.id, input.incidentUpdateId))
      .run();
  }
  return id;
}

export function notificationsToFanOut(db: Db, limit = 20) {
  return db
    .select()
    .from(notifications)
    .where(isNull(notifications.fannedOutAt))
    .orderBy(notifications.createdAt)
    .limit(limit)
    .all();
}

/**
 * Writes the deliveries of a notification: chunks in the given order, keys `notification/<id>/chunk/<n>`.
 * Marks the notification fanned out in the same transaction; returns false (writing nothing) when another
 * worker already did.
 */
export function writeFanOut(
  db: Db,
  notificationId: string,
  chunks: string[][],
  at: number,
  webhooks: { subscriberIds: string[]; event: unknown } | null = null,
  /** Chat channels, and the platform-neutral message they all get (services/chat/message.ts). */
  chat: { subscriberIds: string[]; message: unknown } | null = null,
  /** More writes that belong with this fan-out (e.g. ending an incident's follows), in its transaction. */
  alsoInTransaction?: (tx: Tx) => void,
): boolean {
  return db.transaction((tx) => {
    const claimed = tx
      .update(notifications)
      .set({ fannedOutAt: at })
      .where(and(eq(notifications.id, notificationId), isNull(notifications.fannedOutAt)))
      .run();
    if (claimed.changes === 0) return false;
    alsoInTransaction?.(tx);
    if (chunks.length > 0) {
      tx.insert(deliveries)
        .values(
          chunks.map((recipients, chunk) => ({
            id: newId(),
            notificationId,
            channel: "email" as const,
            chunk,
            recipients,
            idempotencyKey: `notification/${notificationId}/chunk/${chunk}`,
            nextAttemptAt: at,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .run();
    }
    if (webhooks && webhooks.subscriberIds.length > 0)
      writeEndpointFanOut(tx, notificationId, "webhook", webhooks.subscriberIds, webhooks.event, at);
    if (chat && chat.subscriberIds.length > 0)
      writeEndpointFanOut(tx, notificationId, "chat", chat.subscriberIds, chat.message, at);
    return true;
  });
}

const ENDPOINT_KEYS = { webhook: webhookDeliveryKey, chat: chatDeliveryKey };

/**
 * One delivery per POST (a webhook or a chat channel), keyed by subscriber (webhookDeliveryKey,
 * chatDeliveryKey), and what they all send, stored with the notification (payload.webhook, payload.chat)
 * so a retry sends the same body.
 */
function writeEndpointFanOut(
  tx: Tx,
  notificationId: string,
  channel: "webhook" | "chat",
  subscriberIds: string[],
  event: unknown,
  at: number,
): void {
  const current = tx
    .select({ payload: notifications.payload })
    .from(notifications)
    .where(eq(notifications.id, notificationId))
    .get();
  tx.update(notifications)
    .set({ payload: { ...current?.payload, [channel]: event } })
    .where(eq(notifications.id, notificationId))
    .run();
  tx.insert(deliveries)
    .values(
      subscriberIds.map((subscriberId, chunk) => ({
        id: newId(),
        notificationId,
        channel,
        chunk,
        recipients: [subscriberId],
        idempotencyKey: ENDPOINT_KEYS[channel](subscriberId, notificationId),
        nextAttemptAt: at,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .run();
}

/** Which deliveries a lane may take (services/notifications/lanes.ts): its channel, minus the endpoints it is busy with. */
export interface ClaimFilter {
  channel?: DeliveryChannel;
  /** First recipients (an endpoint: a webhook subscriber) to leave alone, because one of theirs is in flight. */
  excludeRecipients?: readonly string[];
  /** Only deliveries whose first recipient is a subscriber without a current failure streak. */
  healthyOnly?: boolean;
}

const firstRecipient = sql<string>`json_extract(${deliveries.recipients}, '$[0]')`;

const now = sql.placeholder("now");
/**
 * Due: pending or parked and its time has come, or a worker's lease on it ran out (that worker died
 * mid-send). The lane's filter goes in as parameters (the endpoints to leave alone as one JSON array), so
 * each shape of filter is one statement, compiled once per connection.
 */
function dueCondition(shape: ClaimShape): SQL {
  const conditions: SQL[] = [
    lte(deliveries.nextAttemptAt, now),
    or(
      inArray(deliveries.state, ["pending", "parked"]),
      and(eq(deliveries.state, "sending"), lt(deliveries.lockedUntil, now)),
    )!,
  ];
  if (shape.channel) conditions.push(eq(deliveries.channel, sql.placeholder("channel")));
  if (shape.exclude)
    conditions.push(sql`${firstRecipient} not in (select value from json_each(${sql.placeholder("exclude")}))`);
  if (shape.healthyOnly) {
    conditions.push(
      sql`${firstRecipient} not in (select ${subscribers.id} from ${subscribers} where ${subscribers.circuitFailures} > 0)`,
    );
  }
  return and(...conditions)!;
}

interface ClaimShape {
  channel: boolean;
  exclude: boolean;
  healthyOnly: boolean;
}

function prepareClaim(db: Db, shape: ClaimShape) {
  // One statement: choosing the row and taking it cannot be split by another worker's claim.
  const next = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(dueCondition(shape))
    .orderBy(deliveries.nextAttemptAt, deliveries.chunk)
    .limit(1);
  return db
    .update(deliveries)
    .set({
      state: "sending",
      lockedBy: sql`${sql.placeholder("workerId")}`,
      lockedUntil: sql`${sql.placeholder("lockedUntil")}`,
      updatedAt: sql`${now}`,
    })
    .where(inArray(deliveries.id, next))
    .returning()
    .prepare();
}

type ClaimStatement = ReturnType<typeof prepareClaim>;
/** Per connection: a lane claims after every send, so the statement is compiled once, not each time. */
const claimStatements = new WeakMap<Db, Map<string, ClaimStatement>>();

/**
 * Claims the next due delivery for this worker (the lane's filter applied), leased until `now + leaseMs`,
 * in one conditional UPDATE.
 */
export function claimDueDelivery(
  db: Db,
  workerId: string,
  now: number,
  leaseMs: number,
  filter: ClaimFilter = {},
): Delivery | null {
  const shape: ClaimShape = {
    channel: filter.channel !== undefined,
    exclude: (filter.excludeRecipients?.length ?? 0) > 0,
    healthyOnly: filter.healthyOnly ?? false,
  };
  const key = `${shape.channel}/${shape.exclude}/${shape.healthyOnly}`;
  let statements = claimStatements.get(db);
  if (!statements) claimStatements.set(db, (statements = new Map()));
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = prepareClaim(db, shape)));
  const claimed = statement.get({
    now,
    workerId,
    lockedUntil: now + leaseMs,
    channel: filter.channel,
    exclude: shape.exclude ? JSON.stringify(filter.excludeRecipients) : undefined,
  });
  return claimed ?? null;
}

export function nextDueAt(db: Db): number | null {
  const row = db
    .select({ at: sql<number | null>`min(${deliveries.nextAttemptAt})` })
    .from(deliveries)
    .where(inArray(deliveries.state, ["pending", "parked"]))
    .get();
  return row?.at ?? null;
}

export type NewEmailMessage = Omit<typeof emailMessages.$inferInsert, "id" | "deliveryId" | "createdAt" | "updatedAt">;

/** The emails of a delivery, rendered once: a retry sends these rows again, byte for byte. */
export function storeRenderedEmails(db: Db, deliveryId: string, messages: NewEmailMessage[], at: number): void {
  db.transaction((tx) => {
    const existing = tx
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(eq(emailMessages.deliveryId, deliveryId))
      .limit(1)
      .get();
    if (existing) return;
    if (messages.length > 0) {
      tx.insert(emailMessages)
        .values(messages.map((m) => ({ ...m, id: newId(), deliveryId, createdAt: at, updatedAt: at })))
        .run();
    }
  });
}

/** A delivery's emails in the order they were rendered (the order of the batch). */
export function renderedEmails(db: Db, deliveryId: string) {
  return db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.deliveryId, deliveryId))
    .orderBy(sql`rowid`)
    .all();
}

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
  return until;
}

/** Rewrites the stored HTML and text of a delivery's emails (e.g. to remove a link secret once sent). */
export function rewriteStoredBodies(db: Db, deliveryId: string, rewrite: (body: string) => string, at: number): void {
  db.transaction((tx) => {
    for (const m of tx
      .select({ id: emailMessages.id, html: emailMessages.html, text: emailMessages.text })
      .from(emailMessages)
      .where(eq(emailMessages.deliveryId, deliveryId))
      .all()) {
      tx.update(emailMessages)
        .set({ html: rewrite(m.html), text: rewrite(m.text), updatedAt: at })
        .where(eq(emailMessages.id, m.id))
        .run();
    }
  });
}

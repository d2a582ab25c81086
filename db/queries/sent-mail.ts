// Reads for the console's Sent mail: every rendered email (newest first, by state and by address or subject),
// one email in full, and each notification with the state of its deliveries and emails.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { DeliveryState, EmailMessageState } from "@/db/constants";
import type { Tx } from "../index";
import { deliveries, emailMessages, incidents, notifications } from "../schema";

export interface SentMailFilter {
  state?: EmailMessageState;
  /** Part of the recipient's address or of the subject. */
  search?: string;
  /** Older than this email (paging): its id. */
  before?: string;
}

/** Newest first, ties broken by id so paging never skips or repeats a row. */
export function listEmailMessages(tx: Tx, filter: SentMailFilter, limit = 50) {
  const where: SQL[] = [];
  if (filter.state) where.push(eq(emailMessages.state, filter.state));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search.toLowerCase())}%`;
    where.push(
      sql`(${emailMessages.toAddress} like ${pattern} escape '\\' or lower(${emailMessages.subject}) like ${pattern} escape '\\')`,
    );
  }
  if (filter.before) {
    const cursor = tx
      .select({ createdAt: emailMessages.createdAt })
      .from(emailMessages)
      .where(eq(emailMessages.id, filter.before))
      .get();
    if (cursor) {
      where.push(
        or(
          lt(emailMessages.createdAt, cursor.createdAt),
          and(eq(emailMessages.createdAt, cursor.createdAt), lt(emailMessages.id, filter.before)),
        )!,
      );
    }
  }
  return tx
    .select({
      id: emailMessages.id,
      toAddress: emailMessages.toAddress,
      subject: emailMessages.subject,
      state: emailMessages.state,
      createdAt: emailMessages.createdAt,
      kind: notifications.kind,
      notificationId: notifications.id,
    })
    .from(emailMessages)
    .leftJoin(deliveries, eq(deliveries.id, emailMessages.deliveryId))
    .leftJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
    .limit(limit)
    .all();
}

export type EmailMessageRow = ReturnType<typeof listEmailMessages>[number];

/** One email in full, with the notification and delivery it belongs to. */
export function getEmailMessage(tx: Tx, id: string) {
  const row = tx
    .select({ message: emailMessages, delivery: deliveries, notification: notifications })
    .from(emailMessages)
    .leftJoin(deliveries, eq(deliveries.id, emailMessages.deliveryId))
    .leftJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(eq(emailMessages.id, id))
    .get();
  return row ?? null;
}

export type EmailMessageDetail = NonNullable<ReturnType<typeof getEmailMessage>>;

export interface NotificationSummary {
  id: string;
  kind: (typeof notifications.$inferSelect)["kind"];
  createdAt: number;
  fannedOutAt: number | null;
  incident: { id: string; name: string; kind: "incident" | "maintenance" } | null;
  recipients: number;
  chunks: Partial<Record<DeliveryState, number>>;
  emails: Partial<Record<EmailMessageState, number>>;
  /** The latest error of a chunk that is failed, parked or waiting to retry. */
  lastError: { message: string; statusCode: number | null; state: DeliveryState } | null;
}

/** Notifications newest first (paged by the id of the last one shown), each with its delivery counts. */
export function listNotificationSummaries(
  tx: Tx,
  options: { before?: string } = {},
  limit = 25,
): NotificationSummary[] {
  let where: SQL | undefined;
  if (options.before) {
    const cursor = tx
      .select({ createdAt: notifications.createdAt })
      .from(notifications)
      .where(eq(notifications.id, options.before))
      .get();
    if (cursor)
      where = or(
        lt(notifications.createdAt, cursor.createdAt),
        and(eq(notifications.createdAt, cursor.createdAt), lt(notifications.id, options.before)),
      );
  }
  const rows = tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      fannedOutAt: notifications.fannedOutAt,
      incidentId: incidents.id,
      incidentName: incidents.name,
      incidentKind: incidents.kind,
    })
    .from(notifications)
    .leftJoin(incidents, eq(incidents.id, notifications.incidentId))
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
  return summarise(tx, rows);
}

/** One notification's summary and its chunks, or null. */
export function getNotificationDeliveries(tx: Tx, id: string) {
  const row = tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      fannedOutAt: notifications.fannedOutAt,
      incidentId: incidents.id,
      incidentName: incidents.name,
      incidentKind: incidents.kind,
    })
    .from(notifications)
    .leftJoin(incidents, eq(incidents.id, notifications.incidentId))
    .where(eq(notifications.id, id))
    .get();
  if (!row) return null;
  const [summary] = summarise(tx, [row]);
  const chunks = tx
    .select({
      id: deliveries.id,
      chunk: deliveries.chunk,
      state: deliveries.state,
      recipients: sql<number>`json_array_length(${deliveries.recipients})`,
      attempts: deliveries.attempts,
      nextAttemptAt: deliveries.nextAttemptAt,
      lastError: deliveries.lastError,
      lastStatusCode: deliveries.lastStatusCode,
      completedAt: deliveries.completedAt,
    })
    .from(deliveries)
    .where(eq(deliveries.notificationId, id))
    .orderBy(deliveries.chunk)
    .all();
  return { summary, chunks };
}

/** Delivery and email counts for a page's worth of notifications, two grouped queries in all. */
function summarise(
  tx: Tx,
  rows: {
    id: string;
    kind: NotificationSummary["kind"];
    createdAt: number;
    fannedOutAt: number | null;
    incidentId: string | null;
    incidentName: string | null;
    incidentKind: "incident" | "maintenance" | null;
  }[],
): NotificationSummary[] {
  const ids = rows.map((r) => r.id);
  const byState = ids.length
    ? tx
        .select({
          notificationId: deliveries.notificationId,
          state: deliveries.state,
          chunks: sql<number>`count(*)`,
          recipients: sql<number>`sum(json_array_length(${deliveries.recipients}))`,
        })
        .from(deliveries)
        .where(inArray(deliveries.notificationId, ids))
        .groupBy(deliveries.notificationId, deliveries.state)
        .all()
    : [];
  const emails = ids.length
    ? tx
        .select({ notificationId: deliveries.notificationId, state: emailMessages.state, count: sql<number>`count(*)` })
        .from(emailMessages)
        .innerJoin(deliveries, eq(deliveries.id, emailMessages.deliveryId))
        .where(inArray(deliveries.notificationId, ids))
        .groupBy(deliveries.notificationId, emailMessages.state)
        .all()
    : [];
  const errors = ids.length
    ? tx
        .select({
          notificationId: deliveries.notificationId,
          message: deliveries.lastError,
          statusCode: deliveries.lastStatusCode,
          state: deliveries.state,
        })
        .from(deliveries)
        .where(and(inArray(deliveries.notificationId, ids), sql`${deliveries.lastError} is not null`))
        .orderBy(desc(deliveries.updatedAt))
        .all()
    : [];
  return rows.map((r) => {
    const chunks: NotificationSummary["chunks"] = {};
    let recipients = 0;
    for (const s of byState.filter((b) => b.notificationId === r.id)) {
      chunks[s.state] = s.chunks;
      recipients += s.recipients ?? 0;
    }
    const counts: NotificationSummary["emails"] = {};
    for (const e of emails.filter((x) => x.notificationId === r.id)) counts[e.state] = e.count;
    const error = errors.find((e) => e.notificationId === r.id);
    return {
      id: r.id,
      kind: r.kind,
      createdAt: r.createdAt,
      fannedOutAt: r.fannedOutAt,
      incident: r.incidentId ? { id: r.incidentId, name: r.incidentName!, kind: r.incidentKind! } : null,
      recipients,
      chunks,
      emails: counts,
      lastError: error ? { message: error.message!, statusCode: error.statusCode, state: error.state } : null,
    };
  });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

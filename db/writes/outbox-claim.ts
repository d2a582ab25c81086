// Claiming from the outbox: which delivery a lane takes next, leased to one worker so no two send it, and
// when the next one is due. The lanes' side is services/notifications/lanes.ts.
import { and, eq, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DeliveryChannel } from "@/db/constants";
import type { Db } from "../index";
import { deliveries, subscribers, type Delivery } from "../schema";

/** Which deliveries a lane may take (services/notifications/lanes.ts): its channel, minus the endpoints it is busy with. */
export interface ClaimFilter {
  channel?: DeliveryChannel;
  /** First recipients (an endpoint: a webhook subscriber) to leave alone, because one of theirs is in flight. */
  excludeRecipients?: readonly string[];
  /** Only deliveries whose first recipient is a subscriber without a current failure streak. */
  healthyOnly?: boolean;
}

/** A delivery's first recipient: the endpoint (a webhook or chat subscriber, an SMS number) of a POST or SMS. */
export const firstRecipient = sql<string>`json_extract(${deliveries.recipients}, '$[0]')`;

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

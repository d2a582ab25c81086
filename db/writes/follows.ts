// The end of following one incident (core/incident-follow.ts has the rules). It ends in two steps: the
// fan-out of the closing notification marks it ended (followEndedAt: no later notification chooses it), and
// once that last message left the outbox the housekeeping unsubscribes it, like any subscription that ended
// (its links say so; following again starts a new confirmation). Unsubscribing at once would drop the very
// message that closes the incident, since a delivery checks its recipients again when it sends.
import { and, eq, exists, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { NotificationKind } from "@/db/constants";
import { followEndsWith, POSTMORTEM_WAIT_MS } from "@/core/incident-follow";
import type { Tx } from "../index";
import { deliveries, incidents, notifications, subscribers } from "../schema";

const following = and(isNotNull(subscribers.followIncidentId), isNull(subscribers.followEndedAt));

/** After the fan-out of a notification that closes an incident (same transaction): its follows end. */
export function endFollowsAfter(tx: Tx, incidentId: string, kind: NotificationKind, at: number): number {
  const whom = [true, false].filter((postmortem) => followEndsWith(kind, postmortem));
  if (whom.length === 0) return 0;
  return tx
    .update(subscribers)
    .set({ followEndedAt: at, updatedAt: at })
    .where(and(following, eq(subscribers.followIncidentId, incidentId), inArray(subscribers.followPostmortem, whom)))
    .run().changes;
}

/**
 * Housekeeping. (1) An incident closed without a notification (nobody was told, so no fan-out ended its
 * follows): once none of its notifications waits for its fan-out, the follows with nothing left to wait for
 * (core/incident-follow.ts: followIsOver) end. (2) Ended follows whose last messages are out of the outbox (sent or given up) are unsubscribed.
 */
export function endFinishedFollows(tx: Tx, at: number): number {
  const closed = tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(
        or(isNotNull(incidents.resolvedAt), isNotNull(incidents.cancelledAt)),
        sql`not exists (select 1 from ${notifications} where ${notifications.incidentId} = ${incidents.id} and ${notifications.fannedOutAt} is null)`,
      ),
    );
  const nothingLeft = or(
    eq(subscribers.followPostmortem, false),
    exists(
      tx
        .select({ one: sql`1` })
        .from(incidents)
        .where(
          and(
            eq(incidents.id, subscribers.followIncidentId),
            or(
              isNotNull(incidents.postmortemPublishedAt),
              isNotNull(incidents.cancelledAt),
              eq(incidents.kind, "maintenance"),
              lte(incidents.resolvedAt, at - POSTMORTEM_WAIT_MS),
            ),
          ),
        ),
    ),
  );
  tx.update(subscribers)
    .set({ followEndedAt: at, updatedAt: at })
    .where(and(following, inArray(subscribers.followIncidentId, closed), nothingLeft))
    .run();
  const inFlight = sql`exists (select 1 from ${deliveries}, json_each(${deliveries.recipients}) as r where r.value = ${subscribers.id} and ${deliveries.state} in ('pending', 'sending', 'parked'))`;
  return tx
    .update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: at, updatedAt: at })
    .where(
      and(
        isNotNull(subscribers.followEndedAt),
        inArray(subscribers.state, ["active", "pending"]),
        sql`not ${inFlight}`,
      ),
    )
    .run().changes;
}

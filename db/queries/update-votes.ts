// Reads of "Was this helpful?" votes: the update a vote is about, and the console's score and comments.
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "../index";
import { incidents, incidentUpdates, subscribers, updateVotes } from "../schema";

/** The update and its incident, if the update still exists. */
export function votableUpdate(tx: Tx, updateId: string) {
  return tx
    .select({
      id: incidentUpdates.id,
      body: incidentUpdates.body,
      displayAt: incidentUpdates.displayAt,
      incidentId: incidents.id,
      incidentName: incidents.name,
      pageId: incidents.pageId,
    })
    .from(incidentUpdates)
    .innerJoin(incidents, eq(incidents.id, incidentUpdates.incidentId))
    .where(eq(incidentUpdates.id, updateId))
    .get();
}

export function subscriberForVote(tx: Tx, id: string) {
  return tx
    .select({ id: subscribers.id, tokenVersion: subscribers.tokenVersion, pageId: subscribers.pageId })
    .from(subscribers)
    .where(eq(subscribers.id, id))
    .get();
}

export function existingVote(tx: Tx, updateId: string, voterKey: string) {
  return tx
    .select({ helpful: updateVotes.helpful, comment: updateVotes.comment })
    .from(updateVotes)
    .where(and(eq(updateVotes.updateId, updateId), eq(updateVotes.voterKey, voterKey)))
    .get();
}

export interface UpdateScore {
  yes: number;
  no: number;
  comments: { comment: string; at: number }[];
}

/** Per update of an incident: the Yes and No counts and the comments, newest first. */
export function scoresForIncident(tx: Tx, incidentId: string): Map<string, UpdateScore> {
  const ids = tx
    .select({ id: incidentUpdates.id })
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .all()
    .map((u) => u.id);
  const out = new Map<string, UpdateScore>();
  if (ids.length === 0) return out;
  const counts = tx
    .select({
      updateId: updateVotes.updateId,
      yes: sql<number>`sum(case when ${updateVotes.helpful} then 1 else 0 end)`,
      no: sql<number>`sum(case when ${updateVotes.helpful} then 0 else 1 end)`,
    })
    .from(updateVotes)
    .where(inArray(updateVotes.updateId, ids))
    .groupBy(updateVotes.updateId)
    .orderBy(asc(updateVotes.updateId))
    .all();
  for (const c of counts) out.set(c.updateId, { yes: Number(c.yes), no: Number(c.no), comments: [] });
  const comments = tx
    .select({ updateId: updateVotes.updateId, comment: updateVotes.comment, at: updateVotes.updatedAt })
    .from(updateVotes)
    .where(and(inArray(updateVotes.updateId, ids), isNotNull(updateVotes.comment)))
    .orderBy(desc(updateVotes.updatedAt))
    .all();
  for (const c of comments) out.get(c.updateId)?.comments.push({ comment: c.comment!, at: c.at });
  return out;
}

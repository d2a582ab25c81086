// Votes on updates: one row per (update, voter), replaced when the voter changes their mind.
import type { Tx } from "../index";
import { updateVotes } from "../schema";

export function upsertVote(
  tx: Tx,
  vote: { updateId: string; voterKey: string; helpful: boolean; comment: string | null },
  at: number,
): void {
  tx.insert(updateVotes)
    .values({ ...vote, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: [updateVotes.updateId, updateVotes.voterKey],
      set: { helpful: vote.helpful, comment: vote.comment, updatedAt: at },
    })
    .run();
}

// Retention of rendered emails: each keeps ~6 KB of HTML and text, and its links carry manage and
// unsubscribe tokens. Past the retention period the body and headers go; the row (recipient, subject,
// state, Resend id) stays, because the delivery-state views and Resend's later webhooks need it.
import { and, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../index";
import { emailMessages } from "../schema";

/**
 * Empties the bodies of up to `batch` emails created before `cutoff` that are no longer waiting to be sent
 * (a queued email may still be retried byte for byte). Returns how many it emptied.
 */
export function clearOldEmailBodies(db: Db, cutoff: number, at: number, batch = 500): number {
  const old = db
    .select({ id: emailMessages.id })
    .from(emailMessages)
    .where(
      and(
        lt(emailMessages.createdAt, cutoff),
        ne(emailMessages.state, "queued"),
        sql`(${emailMessages.html} != '' or ${emailMessages.text} != '')`,
      ),
    )
    .limit(batch);
  return db
    .update(emailMessages)
    .set({ html: "", text: "", headers: {}, updatedAt: at })
    .where(inArray(emailMessages.id, old))
    .run().changes;
}

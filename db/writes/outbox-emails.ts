// A delivery's emails as rendered: stored once, so a retry sends the same bytes, and what Sent mail shows.
import { eq, sql } from "drizzle-orm";
import { newId } from "@/core/ids";
import type { Db } from "../index";
import { emailMessages } from "../schema";

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

// Applies a Resend webhook event, once per svix-id, in one transaction.
import { and, eq } from "drizzle-orm";
import type { EmailMessageState } from "@/db/constants";
import type { Db } from "../index";
import { emailMessages, inboundWebhookEvents, subscribers } from "../schema";
import { suppressSubscriber } from "./subscribers";

export interface EmailEvent {
  svixId: string;
  type: string;
  providerId: string | null;
  /** The recipient, when the event names one (used if we have no message with that provider id). */
  address: string | null;
  messageState: EmailMessageState | null;
  suppress: string | null;
  at: number;
}

/** Returns false when this svix-id was already processed (a redelivery): nothing changes. */
export function applyEmailEvent(db: Db, event: EmailEvent): boolean {
  return db.transaction((tx) => {
    const fresh = tx
      .insert(inboundWebhookEvents)
      .values({ id: event.svixId, type: event.type, receivedAt: event.at })
      .onConflictDoNothing()
      .run();
    if (fresh.changes === 0) return false;
    const message = event.providerId
      ? tx.select().from(emailMessages).where(eq(emailMessages.providerId, event.providerId)).get()
      : undefined;
    if (message && event.messageState) {
      tx.update(emailMessages)
        .set({ state: event.messageState, lastEventAt: event.at, updatedAt: event.at })
        .where(eq(emailMessages.id, message.id))
        .run();
    }
    if (event.suppress) {
      const address = (message?.toAddress ?? event.address ?? "").toLowerCase();
      const targets = message?.subscriberId
        ? [message.subscriberId]
        : address
          ? tx
              .select({ id: subscribers.id })
              .from(subscribers)
              .where(and(eq(subscribers.kind, "email"), eq(subscribers.email, address)))
              .all()
              .map((s) => s.id)
          : [];
      for (const id of targets) suppressSubscriber(tx, id, event.suppress, event.at);
    }
    return true;
  });
}

// Subscriber writes. Addresses are stored lower-cased.
import { eq, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import type { Tx } from "../index";
import { subscriberComponents, subscribers } from "../schema";

export interface NewEmailSubscriber {
  pageId: string;
  email: string;
  at: number;
  state?: "pending" | "active";
  /** Empty or omitted: everything. */
  componentIds?: readonly string[];
  origin?: string;
}

export function insertEmailSubscriber(tx: Tx, input: NewEmailSubscriber): string {
  const id = newId();
  const componentIds = input.componentIds ?? [];
  tx.insert(subscribers)
    .values({
      id,
      pageId: input.pageId,
      kind: "email",
      email: input.email.trim().toLowerCase(),
      state: input.state ?? "pending",
      allComponents: componentIds.length === 0,
      confirmedAt: input.state === "active" ? input.at : null,
      origin: input.origin ?? "public",
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  if (componentIds.length > 0) {
    tx.insert(subscriberComponents)
      .values(componentIds.map((componentId) => ({ subscriberId: id, componentId })))
      .run();
  }
  return id;
}

/**
 * Unsubscribes at once. The links keep working (a repeated one-click POST answers the same); they are
 * revoked when the address subscribes again (confirmSubscriber raises token_version).
 */
export function unsubscribe(tx: Tx, subscriberId: string, at: number): void {
  tx.update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: sql`coalesce(${subscribers.unsubscribedAt}, ${at})`, updatedAt: at })
    .where(eq(subscribers.id, subscriberId))
    .run();
}

/** A hard bounce or a complaint: never mailed again unless the person subscribes and confirms again. */
export function suppressSubscriber(tx: Tx, subscriberId: string, reason: string, at: number): void {
  tx.update(subscribers)
    .set({ state: "suppressed", suppressedAt: at, suppressionReason: reason, updatedAt: at })
    .where(eq(subscribers.id, subscriberId))
    .run();
}

export function setPaused(tx: Tx, subscriberId: string, paused: boolean, at: number): void {
  tx.update(subscribers).set({ pausedAt: paused ? at : null, updatedAt: at }).where(eq(subscribers.id, subscriberId)).run();
}

// Chat channel writes. A channel is a subscriber of kind "chat": its platform, its incoming-webhook URL
// (unique per page, a partial unique index) and the same failure, disabling and circuit columns as webhooks,
// so db/writes/webhooks.ts's markWebhookHealthy/markWebhookFailing/disableWebhook apply to it as they are.
import { and, eq, sql } from "drizzle-orm";
import type { ChatPlatform } from "@/db/constants";
import type { Locale } from "@/core/i18n/locales";
import type { Tx } from "../index";
import { chatDeliveriesRange } from "../queries/chat";
import { deliveries, subscriberComponents, subscribers } from "../schema";

export interface NewChatSubscriber {
  /** Chosen before the verification message, whose unsubscribe link names it. */
  id: string;
  pageId: string;
  platform: ChatPlatform;
  url: string;
  /** The owner to tell when the channel is disabled; lower-cased. */
  email: string | null;
  /** Empty: everything. */
  componentIds: readonly string[];
  origin: "public" | "console";
  at: number;
  /** The subscriber's language (core/i18n/locales.ts); omitted: the column's default, or unchanged. */
  language?: Locale;
}

/** A channel is written only after its verification message was accepted: it is active at once. */
export function insertChatSubscriber(tx: Tx, input: NewChatSubscriber): string {
  tx.insert(subscribers)
    .values({
      id: input.id,
      pageId: input.pageId,
      kind: "chat",
      chatPlatform: input.platform,
      webhookUrl: input.url,
      email: input.email?.toLowerCase() ?? null,
      state: "active",
      allComponents: input.componentIds.length === 0,
      confirmedAt: input.at,
      origin: input.origin,
      ...(input.language ? { language: input.language } : {}),
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  if (input.componentIds.length > 0) {
    tx.insert(subscriberComponents)
      .values([...new Set(input.componentIds)].map((componentId) => ({ subscriberId: input.id, componentId })))
      .run();
  }
  return input.id;
}

/** Deletes a channel with its scope and its delivery history (keyed by the subscriber, see chatDeliveryKey). */
export function deleteChatSubscriber(tx: Tx, id: string): boolean {
  tx.delete(deliveries).where(chatDeliveriesRange(id)).run();
  return (
    tx
      .delete(subscribers)
      .where(and(eq(subscribers.id, id), eq(subscribers.kind, "chat")))
      .run().changes > 0
  );
}

export function reenableChat(tx: Tx, id: string, at: number): boolean {
  return (
    tx
      .update(subscribers)
      .set({
        webhookDisabledAt: null,
        webhookFailingSince: null,
        circuitFailures: 0,
        circuitOpenUntil: null,
        updatedAt: at,
      })
      .where(
        and(eq(subscribers.id, id), eq(subscribers.kind, "chat"), sql`${subscribers.webhookDisabledAt} is not null`),
      )
      .run().changes > 0
  );
}

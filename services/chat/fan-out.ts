// Which chat channels a notification goes to, and the message they all get (built once, stored with the
// notification by writeFanOut, so every retry says the same).
import type { Db } from "@/db";
import { incidentHiddenFromPublic } from "@/db/queries/audience";
import { chatLanguages, chatRecipientIds } from "@/db/queries/chat";
import { localeOr } from "@/services/notifications/words";
import { notificationContext } from "@/db/queries/notifications";
import { affectedComponentIds } from "@/db/queries/public-api";
import type { Notification } from "@/db/schema";
import { CHAT_KINDS, chatMessage, type ChatMessage, type StoredChatMessages } from "./message";

export interface ChatFanOut {
  subscriberIds: string[];
  /** One message per language the channels read. */
  message: StoredChatMessages;
}

/** Null when no channel is concerned (nothing is built then). */
export function chatFanOut(db: Db, notification: Notification, publicUrl: string, now: number): ChatFanOut | null {
  if (!CHAT_KINDS.has(notification.kind) || !notification.incidentId) return null;
  // Chat channels are public subscribers: an incident that touches only internal services is not theirs.
  if (incidentHiddenFromPublic(db, notification.pageId, notification.incidentId)) return null;
  const subscriberIds = chatRecipientIds(db, notification.pageId, affectedComponentIds(db, notification.incidentId));
  if (subscriberIds.length === 0) return null;
  const ctx = notificationContext(db, notification.id, now);
  if (!ctx) return null;
  const byLanguage: Record<string, ChatMessage> = {};
  for (const language of new Set(chatLanguages(db, subscriberIds).map(localeOr))) {
    const message = chatMessage(ctx, publicUrl, language);
    if (!message) return null;
    byLanguage[language] = message;
  }
  return { subscriberIds, message: byLanguage };
}

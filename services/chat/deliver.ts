// Sends one chat delivery (a claimed outbox row) and records the outcome, the way webhooks do: a 2xx marks it
// sent and the channel healthy; 404 or 410 (the webhook was deleted on the platform) disables the channel at
// once and tells its owner by email if one was given (the console shows it either way); anything else follows
// the webhook retry schedule and, when that is spent, disables it too. Each outcome feeds the circuit breaker.
import type { Db } from "@/db";
import { getChatSubscriber } from "@/db/queries/chat";
import { getNotification } from "@/db/queries/notifications";
import { getPageRow } from "@/db/queries/subscribers";
import type { Delivery } from "@/db/schema";
import {
  deferDelivery,
  holdEndpointDeliveries,
  markDeliverySent,
  recordDeliveryFailure,
  recordEndpointFailure,
  recordEndpointSuccess,
} from "@/db/writes/outbox-results";
import { enqueueNotification } from "@/db/writes/outbox";
import { disableWebhook, markWebhookFailing, markWebhookHealthy, recordWebhookStatus } from "@/db/writes/webhooks";
import { maskChatUrl } from "@/core/chat-hosts";
import { circuitCooldownMs, circuitState } from "@/services/notifications/circuit-breaker";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { nextWebhookAttempt, WEBHOOK_RETRY_DELAYS_MS } from "@/services/webhooks/retry-schedule";
import { localeOr } from "@/services/notifications/words";
import { remember, type SendMemo } from "@/services/notifications/memo";
import { chatHelpfulLinks } from "./helpful";
import { storedMessageFor, type StoredChatMessages } from "./message";
import { chatPayload } from "./platforms";
import { isGone, postChat, type ChatSendOptions } from "./send";

export interface ChatDeliveryContext {
  db: Db;
  workerId: string;
  appSecret: string;
  publicUrl: string;
  clock: () => number;
  options: ChatSendOptions & { random?: () => number };
  memo?: SendMemo;
}

export type ChatOutcome = "sent" | "retried" | "failed" | "deferred";

/**
 * A 429 with Retry-After costs no attempt (the channel is alive, only busy), so a channel that kept asking
 * would be retried for ever: past the retry schedule's whole span (about a day) the delivery gives up.
 */
export const RATE_LIMITED_FOR_MS = WEBHOOK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);

export function chatUnsubscribeUrl(base: string, appSecret: string, subscriber: { id: string; tokenVersion: number }) {
  return `${base}/unsubscribe/${signSubscriberToken(appSecret, "unsubscribe", subscriber.id, subscriber.tokenVersion)}`;
}

export async function deliverChat(ctx: ChatDeliveryContext, delivery: Delivery): Promise<ChatOutcome> {
  const { db, workerId, clock } = ctx;
  const subscriber = getChatSubscriber(db, delivery.recipients[0] ?? "");
  // Every channel of a notification sends the same stored message: read (and parsed) once.
  const stored = remember(
    ctx.memo,
    `chat:${delivery.notificationId}`,
    clock(),
    () => getNotification(db, delivery.notificationId)?.payload?.chat as StoredChatMessages | undefined,
  );
  const message = subscriber ? storedMessageFor(stored, subscriber.language) : undefined;
  if (
    !subscriber?.webhookUrl ||
    !subscriber.chatPlatform ||
    subscriber.state !== "active" ||
    subscriber.webhookDisabledAt !== null ||
    !message
  ) {
    recordDeliveryFailure(db, delivery, workerId, clock(), {
      state: "failed",
      nextAttemptAt: clock(),
      countsAsAttempt: false,
      error: subscriber?.webhookDisabledAt ? "Not sent: the channel is disabled" : "Not sent: the channel was removed",
      statusCode: null,
    });
    return "failed";
  }
  if (circuitState(subscriber, clock()) === "open") {
    deferDelivery(db, delivery, workerId, clock(), subscriber.circuitOpenUntil!);
    return "deferred";
  }
  const url = subscriber.webhookUrl;
  const page = getPageRow(db)!;
  const base = (page.url ?? ctx.publicUrl).replace(/\/+$/, "");
  const payload = chatPayload(subscriber.chatPlatform, message, {
    unsubscribe: chatUnsubscribeUrl(base, ctx.appSecret, subscriber),
    helpful: chatHelpfulLinks(base, ctx.appSecret, subscriber, message.updateId, {
      locale: localeOr(subscriber.language),
      defaultLocale: localeOr(page.defaultLocale),
    }),
  });
  const result = await postChat(subscriber.chatPlatform, url, payload, ctx.options);
  const at = clock();
  if (result.ok) {
    db.transaction((tx) => {
      markDeliverySent(tx, delivery, workerId, at, null);
      recordWebhookStatus(tx, delivery.id, result.statusCode);
      markWebhookHealthy(tx, subscriber.id, at);
      recordEndpointSuccess(tx, subscriber.id);
    });
    return "sent";
  }
  const error = result.error ?? "Failed";
  const asksToWait = result.statusCode === 429 && result.retryAfterMs != null;
  const waitedTooLong = asksToWait && at - delivery.createdAt >= RATE_LIMITED_FOR_MS;
  if (asksToWait && !waitedTooLong) {
    // Only this channel waits: its deliveries move to the time it asked for; other channels go on.
    const until = at + (result.retryAfterMs ?? 0);
    db.transaction((tx) => {
      recordDeliveryFailure(tx, delivery, workerId, at, {
        state: "pending",
        nextAttemptAt: until,
        countsAsAttempt: false,
        error,
        statusCode: 429,
      });
      holdEndpointDeliveries(tx, subscriber.id, "chat", at, until);
    });
    return "retried";
  }
  const decision =
    isGone(result) || waitedTooLong
      ? ({ action: "give_up" } as const)
      : nextWebhookAttempt(delivery.attempts + 1, ctx.options.random);
  return db.transaction((tx) => {
    markWebhookFailing(tx, subscriber.id, at);
    const openUntil = isGone(result)
      ? 0
      : (recordEndpointFailure(tx, subscriber.id, "chat", at, circuitCooldownMs) ?? 0);
    if (decision.action === "retry") {
      recordDeliveryFailure(tx, delivery, workerId, at, {
        state: "pending",
        nextAttemptAt: Math.max(at + decision.delayMs, openUntil),
        countsAsAttempt: true,
        error,
        statusCode: result.statusCode,
      });
      return "retried" as const;
    }
    recordDeliveryFailure(tx, delivery, workerId, at, {
      state: "failed",
      nextAttemptAt: at,
      countsAsAttempt: true,
      error,
      statusCode: result.statusCode,
    });
    if (disableWebhook(tx, subscriber.id, at) && subscriber.email) {
      // The owner's email shows the URL masked: the rest of it is the webhook's secret.
      enqueueNotification(tx, {
        pageId: subscriber.pageId,
        kind: "webhook_disabled",
        subscriberId: subscriber.id,
        at,
        payload: {
          url: maskChatUrl(url),
          // The chat wording, in the owner's language (services/notifications/render.ts).
          channel: "chat",
          gone: isGone(result),
          failingSince: subscriber.webhookFailingSince ?? at,
          lastError: error.slice(0, 300),
        },
      });
    }
    return "failed" as const;
  });
}

// Sends one webhook delivery (a claimed outbox row) and records the outcome: a 2xx marks it sent and the
// webhook healthy; anything else schedules a retry (services/webhooks/retry-schedule.ts) or, when the budget is
// spent, gives up, disables the webhook and tells its owner by email if one was given. Each outcome also
// feeds the receiver's circuit breaker; while it is open, deliveries are given back untried.
import type { Db } from "@/db";
import { getNotification } from "@/db/queries/notifications";
import { getPageRow } from "@/db/queries/subscribers";
import { getWebhookSubscriber } from "@/db/queries/webhooks";
import type { Delivery } from "@/db/schema";
import {
  deferDelivery,
  markDeliverySent,
  recordDeliveryFailure,
  recordEndpointFailure,
  recordEndpointSuccess,
} from "@/db/writes/outbox-results";
import { enqueueNotification } from "@/db/writes/outbox";
import {
  activateWebhook,
  disableWebhook,
  markWebhookFailing,
  markWebhookHealthy,
  recordWebhookStatus,
} from "@/db/writes/webhooks";
import { circuitCooldownMs, circuitState } from "@/services/notifications/circuit-breaker";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { eventName, webhookBody, type WebhookEvent } from "./payloads";
import { nextWebhookAttempt, WEBHOOK_VERIFICATION_DELAYS_MS } from "./retry-schedule";
import { postWebhook, type PostRequest, type PostResult } from "./send";
import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signPayload } from "./signature";
import { checkWebhookUrl, type Resolver } from "./url-guard";

export const USER_AGENT = "StatusPage-Webhooks/1.0";

export interface WebhookDeliveryOptions {
  allowLoopback?: boolean;
  resolver?: Resolver;
  random?: () => number;
  timeoutMs?: number;
  /** The HTTP client; tests of the schedule pass a fake one, the integration test the real one. */
  post?: (request: PostRequest) => Promise<PostResult>;
}

export interface WebhookDeliveryContext {
  db: Db;
  workerId: string;
  /** The app's signing secret (for the unsubscribe link). */
  appSecret: string;
  publicUrl: string;
  clock: () => number;
  options: WebhookDeliveryOptions;
}

export type WebhookOutcome = "sent" | "retried" | "failed" | "deferred";

/** Where the docs say how to verify a payload. */
export function webhookDocsUrl(base: string): string {
  return `${base}/api#webhooks`;
}

export async function deliverWebhook(ctx: WebhookDeliveryContext, delivery: Delivery): Promise<WebhookOutcome> {
  const { db, workerId, clock } = ctx;
  const subscriber = getWebhookSubscriber(db, delivery.recipients[0] ?? "");
  const event = getNotification(db, delivery.notificationId)?.payload?.webhook as WebhookEvent | undefined;
  // The verification ping goes to a webhook still pending; everything else only to an active one.
  const isPing = !!event && "ping" in event.body;
  const receiving = subscriber?.state === (isPing ? "pending" : "active");
  if (
    !subscriber?.webhookUrl ||
    !subscriber.webhookSecret ||
    !receiving ||
    subscriber.webhookDisabledAt !== null ||
    !event
  ) {
    const error = subscriber?.webhookDisabledAt
      ? "Not sent: the webhook is disabled"
      : "Not sent: the webhook was removed";
    recordDeliveryFailure(db, delivery, workerId, clock(), {
      state: "failed",
      nextAttemptAt: clock(),
      countsAsAttempt: false,
      error,
      statusCode: null,
    });
    return "failed";
  }
  // An open circuit: the receiver failed too often in a row. Wait for the cool-down, untried.
  if (circuitState(subscriber, clock()) === "open") {
    deferDelivery(db, delivery, workerId, clock(), subscriber.circuitOpenUntil!);
    return "deferred";
  }
  const page = getPageRow(db)!;
  const base = (page.url ?? ctx.publicUrl).replace(/\/+$/, "");
  const body = webhookBody(event, {
    unsubscribe: `${base}/unsubscribe/${signSubscriberToken(ctx.appSecret, "unsubscribe", subscriber.id, subscriber.tokenVersion)}`,
    documentation: webhookDocsUrl(base),
  });

  // Checked again now, and the connection pinned to the checked addresses: DNS may have changed since.
  const check = await checkWebhookUrl(subscriber.webhookUrl, {
    allowLoopback: ctx.options.allowLoopback,
    resolver: ctx.options.resolver,
  });
  let result: PostResult;
  if (!check.ok) {
    result = { ok: false, statusCode: null, error: check.message };
  } else {
    const t = Math.floor(clock() / 1000);
    result = await (ctx.options.post ?? postWebhook)({
      url: check.url,
      addresses: check.addresses,
      body,
      timeoutMs: ctx.options.timeoutMs,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": `${USER_AGENT} (+${webhookDocsUrl(base)})`,
        [SIGNATURE_HEADER]: signPayload(subscriber.webhookSecret, body, t),
        [DELIVERY_ID_HEADER]: delivery.id,
        [EVENT_HEADER]: eventName(event),
      },
    });
  }
  const at = clock();
  if (result.ok) {
    db.transaction((tx) => {
      markDeliverySent(tx, delivery, workerId, at, null);
      recordWebhookStatus(tx, delivery.id, result.statusCode);
      markWebhookHealthy(tx, subscriber.id, at);
      recordEndpointSuccess(tx, subscriber.id);
      if (isPing) activateWebhook(tx, subscriber.id, at);
    });
    return "sent";
  }
  const error = result.error ?? "Failed";
  const decision = nextWebhookAttempt(
    delivery.attempts + 1,
    ctx.options.random,
    isPing ? WEBHOOK_VERIFICATION_DELAYS_MS : undefined,
  );
  return db.transaction((tx) => {
    markWebhookFailing(tx, subscriber.id, at);
    const openUntil = recordEndpointFailure(tx, subscriber.id, "webhook", at, circuitCooldownMs) ?? 0;
    if (decision.action === "retry") {
      const nextAttemptAt = Math.max(at + decision.delayMs, openUntil);
      recordDeliveryFailure(tx, delivery, workerId, at, {
        state: "pending",
        nextAttemptAt,
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
    // An unanswered ping leaves the webhook pending (the console shows it and can ping again): nothing to disable.
    if (isPing) return "failed" as const;
    if (disableWebhook(tx, subscriber.id, at) && subscriber.email) {
      enqueueNotification(tx, {
        pageId: subscriber.pageId,
        kind: "webhook_disabled",
        subscriberId: subscriber.id,
        at,
        payload: {
          url: subscriber.webhookUrl,
          failingSince: subscriber.webhookFailingSince ?? at,
          lastError: error.slice(0, 300),
        },
      });
    }
    return "failed" as const;
  });
}

// One tick of the notification pipeline: fan out new notifications, then start every due delivery in its
// channel's lane (services/notifications/lanes.ts), so email never waits behind a slow webhook. The worker loop
// keeps one dispatcher across ticks and does not wait for sends in flight; a single call (tests, scripts)
// waits until nothing due is left. The mail API is never called inside a transaction.
import { hostname } from "node:os";
import { endpointHasFailureStreak, incidentRecipientIds, invitationOfNotification } from "@/db/queries/notifications";
import type { Db, Tx } from "@/db";
import { endFinishedFollows, endFollowsAfter } from "@/db/writes/follows";
import { insertSmsDeliveries } from "@/db/writes/sms";
import { deliverSms, smsRecipientIds, type SmsLaneContext } from "@/services/sms/deliver";
import { smsSenderFrom, type SmsSender } from "@/services/sms/twilio";
import { passwordResetOfNotification } from "@/db/queries/password-resets";
import { viewerLinkOfNotification } from "@/db/queries/viewers";
import { thanksAddresses } from "@/db/queries/visitor-reports";
import { nextDueAt } from "@/db/writes/outbox-claim";
import { notificationsToFanOut, writeFanOut } from "@/db/writes/outbox";
import { ensureAppSecret } from "@/db/writes/page";
import { expireUnconfirmed } from "@/db/writes/subscribers";
import { deleteStaleUnverifiedWebhooks } from "@/db/writes/webhooks";
import { getConfig } from "@/core/config";
import { newToken } from "@/core/ids";
import { HOUR } from "@/core/time";
import { getMailer, type Mailer } from "@/services/mail/send";
import { deliverWebhook, type WebhookDeliveryContext, type WebhookDeliveryOptions } from "@/services/webhooks/deliver";
import { webhookFanOut } from "@/services/webhooks/fan-out";
import { deliverChat, type ChatDeliveryContext } from "@/services/chat/deliver";
import { chatFanOut } from "@/services/chat/fan-out";
import {
  ADDRESS_KINDS,
  deliverEmail,
  ONE_PERSON_KINDS,
  pruneTemplateMemo,
  type EmailLaneContext,
} from "./email-delivery";
import { DeliveryDispatcher, type LaneSpec } from "./lanes";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { monthlyReportSubscriberIds } from "@/db/queries/service-report-settings";
import type { DeliveryChannel } from "@/db/constants";

export const CHUNK_SIZE = 100;
/** An anonymous webhook whose verification ping was never answered is removed after a day. */
const UNVERIFIED_WEBHOOK_MAX_AGE_MS = 24 * HOUR;
/** A team alert's addresses were chosen when it was queued (the members who opted in: services/monitors/team-alert.ts). */
const payloadAddresses = (payload: Record<string, unknown> | null) =>
  Array.isArray(payload?.to) ? payload.to.filter((a): a is string => typeof a === "string") : [];

export interface JobOptions {
  /** Defaults to the mailer from RESEND_API_KEY; null keeps emails in the local outbox. */
  mailer?: Mailer | null;
  workerId?: string;
  leaseMs?: number;
  retryPolicy?: RetryPolicy;
  /** How webhooks are sent (tests inject a resolver, a clock-free random, a client). */
  webhooks?: WebhookDeliveryOptions;
  /** How chat messages are sent (the same knobs; the loopback setting is WEBHOOKS_ALLOW_LOOPBACK too). */
  chat?: ChatDeliveryContext["options"];
  /** Stop claiming after this many sends in one tick. */
  maxDeliveries?: number;
  publicUrl?: string;
  from?: string;
  /** Defaults to the Twilio sender from TWILIO_*; null when SMS is not configured. */
  sms?: SmsSender | null;
  /** Lane sizes other than DEFAULT_LANES. */
  lanes?: Partial<Record<DeliveryChannel, LaneSpec>>;
  /** The worker loop's dispatcher: the tick starts sends in it and returns without waiting for them. */
  dispatcher?: DeliveryDispatcher;
  /**
   * The clock read during the tick (claims, sent/failed times, retry schedules). Defaults to `now` advancing
   * with real time; tests pass a fixed or stepped one so schedules are exact, whatever the machine's speed.
   */
  clock?: () => number;
}

export interface TickResult {
  fannedOut: number;
  /** Sends this tick started. */
  started: number;
  sent: number;
  retried: number;
  failed: number;
  parked: number;
  deferred: number;
  /** When the next delivery is due, for the worker loop to sleep until. */
  nextDueAt: number | null;
}

/** Splits recipients into deterministic chunks (the order given, CHUNK_SIZE each). */
export function chunk<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Chooses each new notification's recipients (email chunks and webhooks), once. */
export function fanOutNotifications(db: Db, now: number, publicUrl = getConfig().publicUrl): number {
  let done = 0;
  for (const n of notificationsToFanOut(db)) {
    const invitation = n.kind === "team_invitation" ? invitationOfNotification(db, n.payload, now) : null;
    const reset = n.kind === "password_reset" ? passwordResetOfNotification(db, n.payload, now) : null;
    const viewerLink = n.kind === "viewer_sign_in" ? viewerLinkOfNotification(db, n.payload, now) : null;
    const address = invitation?.email ?? reset?.email ?? viewerLink?.email;
    const recipients = [
      "monitor_down",
      "report_spike",
      "publish_failing",
      "publish_recovered",
      "monthly_report",
    ].includes(n.kind)
      ? payloadAddresses(n.payload)
      : n.kind === "monthly_report_subscribers"
        ? monthlyReportSubscriberIds(db, n.pageId)
        : n.kind === "report_thanks"
          ? thanksAddresses(db, n.id)
          : ADDRESS_KINDS.has(n.kind)
            ? address
              ? [address]
              : []
            : ONE_PERSON_KINDS.has(n.kind)
              ? n.subscriberId
                ? [n.subscriberId]
                : []
              : n.incidentId
                ? incidentRecipientIds(db, n.pageId, n.incidentId, { viewerOidc: getConfig().viewerOidc !== null })
                : [];
    const incidentId = n.incidentId;
    const sms = smsRecipientIds(db, n);
    const alsoInTransaction = (tx: Tx) => {
      // The follows this notification closes end with its fan-out: nothing later reaches them.
      if (incidentId) endFollowsAfter(tx, incidentId, n.kind, now);
      insertSmsDeliveries(tx, n.id, sms, now);
    };
    const webhooks = webhookFanOut(db, n, publicUrl, now);
    const chat = chatFanOut(db, n, publicUrl, now);
    if (writeFanOut(db, n.id, chunk(recipients), now, webhooks, chat, alsoInTransaction)) done++;
  }
  return done;
}

/** Runs one tick. `now` is the tick's clock at its start; it advances with real time unless `options.clock`. */
export async function runNotificationJobs(
  db: Db,
  now: number = Date.now(),
  options: JobOptions = {},
): Promise<TickResult> {
  const startedAt = Date.now();
  const clock = options.clock ?? (() => now + (Date.now() - startedAt));
  const config = getConfig();
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${newToken(6)}`;
  const dispatcher = options.dispatcher ?? new DeliveryDispatcher(options.lanes);
  const secret = ensureAppSecret(db, now);
  const publicUrl = options.publicUrl ?? config.publicUrl;
  pruneTemplateMemo(dispatcher.memo, now);
  const email: EmailLaneContext = {
    db,
    now,
    clock,
    workerId,
    secret,
    publicUrl,
    from: options.from ?? config.emailFrom,
    mailer: options.mailer === undefined ? getMailer() : options.mailer,
    policy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
    memo: dispatcher.memo,
  };
  const webhook: WebhookDeliveryContext = {
    db,
    workerId,
    appSecret: secret,
    publicUrl,
    clock,
    options: { allowLoopback: config.webhooksAllowLoopback, ...options.webhooks },
  };
  const chat: ChatDeliveryContext = {
    db,
    workerId,
    appSecret: secret,
    publicUrl,
    clock,
    options: { allowLoopback: config.webhooksAllowLoopback, ...options.chat },
    memo: dispatcher.memo,
  };
  const sms: SmsLaneContext = {
    db,
    workerId,
    clock,
    secret,
    publicUrl,
    sender: options.sms === undefined ? smsSenderFrom(config.twilio) : options.sms,
    policy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
    memo: dispatcher.memo,
  };
  // Writes, so not on every wake-up of a busy loop (each finished send wakes it).
  if (now - dispatcher.housekeptAt >= 1000) {
    dispatcher.housekeptAt = now;
    expireUnconfirmed(db, now);
    db.transaction((tx) => endFinishedFollows(tx, now));
    db.transaction((tx) => deleteStaleUnverifiedWebhooks(tx, now, UNVERIFIED_WEBHOOK_MAX_AGE_MS));
  }
  const fannedOut = fanOutNotifications(db, now, publicUrl);
  let budget = options.maxDeliveries ?? Infinity;
  const pump = () => {
    const n = dispatcher.pump({
      db,
      workerId,
      clock,
      leaseMs: options.leaseMs ?? 60_000,
      budget,
      handlers: {
        email: (d) => deliverEmail(email, d),
        webhook: (d) => deliverWebhook(webhook, d),
        chat: (d) => deliverChat(chat, d),
        sms: (d) => deliverSms(sms, d),
      },
      isFailing: (endpoint) => endpointHasFailureStreak(db, endpoint),
    });
    budget -= n;
    return n;
  };
  let started = pump();
  if (!options.dispatcher) {
    // On its own, the tick waits for its sends, and fills each freed slot with what is due by then.
    while (dispatcher.inFlight > 0) {
      await dispatcher.nextSettled();
      started += pump();
    }
  }
  return { fannedOut, started, ...dispatcher.takeOutcomes(), nextDueAt: nextDueAt(db) };
}

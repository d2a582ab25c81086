// One tick of the notification pipeline: fan out new notifications, then send every due delivery, pacing
// requests by the rate-limit headers Resend returns. The mail API is never called inside a transaction.
import { hostname } from "node:os";
import { getNotification, incidentRecipientIds, invitationOfNotification, notificationContext, reachableSubscribers, type NotificationContext } from "@/db/queries/notifications";
import type { Db } from "@/db";
import type { Delivery } from "@/db/schema";
import {
  claimDueDelivery,
  markDeliverySent,
  nextDueAt,
  notificationsToFanOut,
  recordDeliveryFailure,
  renderedEmails,
  rewriteStoredBodies,
  storeRenderedEmails,
  writeFanOut,
} from "@/db/writes/outbox";
import { ensureAppSecret } from "@/db/writes/page";
import { expireUnconfirmed } from "@/db/writes/subscribers";
import { getConfig } from "@/lib/config";
import { newToken } from "@/lib/ids";
import { getMailer, type Mailer, type RateLimitInfo } from "@/lib/mail/send";
import { deliverWebhook, type WebhookDeliveryContext, type WebhookDeliveryOptions } from "@/lib/webhooks/deliver";
import { webhookFanOut } from "@/lib/webhooks/fan-out";
import { personalise, renderTemplate, type RenderedTemplate } from "./render";
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from "./retry-policy";
import { confirmationToken, invitationToken, REMOVED_LINK_TOKEN, signSubscriberToken } from "./tokens";

export const CHUNK_SIZE = 100;
const ONE_PERSON_KINDS = new Set(["subscription_confirm", "subscription_manage_link", "webhook_disabled"]);
/**
 * Kinds whose email carries a single-use link (confirmation, invitation). Once Resend has the email, the
 * stored copy loses the link's token, so nobody reading Sent mail can use it in the recipient's place.
 * Without Resend the stored copy is the only one, and keeps it.
 */
const SECRET_LINK_KINDS = new Set(["subscription_confirm", "team_invitation"]);
const SECRET_LINK = /(\/(?:invite|subscribe\/confirm)\/)[\w.-]+/g;

/** Messages to someone who is not a subscriber: the delivery's recipients are addresses, not subscriber ids. */
const ADDRESS_KINDS = new Set(["team_invitation", "monitor_down"]);
/** A team alert's addresses were chosen when it was queued (the members who opted in: lib/monitors/team-alert.ts). */
const payloadAddresses = (payload: Record<string, unknown> | null) => (Array.isArray(payload?.to) ? payload.to.filter((a): a is string => typeof a === "string") : []);

export interface JobOptions {
  /** Defaults to the mailer from RESEND_API_KEY; null keeps emails in the local outbox. */
  mailer?: Mailer | null;
  workerId?: string;
  leaseMs?: number;
  retryPolicy?: RetryPolicy;
  /** How webhooks are sent (tests inject a resolver, a clock-free random, a client). */
  webhooks?: WebhookDeliveryOptions;
  /** Stop claiming after this many sends in one tick. */
  maxDeliveries?: number;
  publicUrl?: string;
  from?: string;
}

export interface TickResult {
  fannedOut: number;
  sent: number;
  retried: number;
  failed: number;
  parked: number;
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
    const recipients = n.kind === "monitor_down" ? payloadAddresses(n.payload) : ADDRESS_KINDS.has(n.kind)
      ? invitation
        ? [invitation.email]
        : []
      : ONE_PERSON_KINDS.has(n.kind)
        ? n.subscriberId
          ? [n.subscriberId]
          : []
        : n.incidentId
          ? incidentRecipientIds(db, n.pageId, n.incidentId)
          : [];
    if (writeFanOut(db, n.id, chunk(recipients), now, webhookFanOut(db, n, publicUrl, now))) done++;
  }
  return done;
}

/**
 * Paces sends by what the API says about its limit (never a hard-coded rate), shared by every tick of this
 * process. `ratelimit-reset` is in whole seconds, so "1" may mean 0.2 s: the answer to the first request of
 * a window (remaining = limit - 1) tells us that window started before we read that answer, so it ends at
 * the latest `reset` after that. Never earlier: a guess too early costs a 429 and a whole retry-after.
 */
export class Pacer {
  private notBefore = 0;
  private windowEndsAt = 0;
  observe(info: RateLimitInfo, receivedAt: number, limited: boolean) {
    if (limited) {
      this.notBefore = Math.max(this.notBefore, receivedAt + (info.retryAfterMs ?? info.resetMs ?? 1000));
      return;
    }
    if (info.limit !== null && info.remaining === info.limit - 1 && info.resetMs !== null) {
      this.windowEndsAt = receivedAt + info.resetMs;
    }
    if (info.remaining === 0) {
      const byHeader = receivedAt + (info.resetMs ?? 1000);
      const wait = this.windowEndsAt > receivedAt && this.windowEndsAt < byHeader ? this.windowEndsAt : byHeader;
      this.notBefore = Math.max(this.notBefore, wait);
    }
  }
  async wait() {
    const ms = this.notBefore - Date.now();
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }
}
const pacers = new WeakMap<Mailer, Pacer>();
function pacerFor(mailer: Mailer): Pacer {
  let p = pacers.get(mailer);
  if (!p) pacers.set(mailer, (p = new Pacer()));
  return p;
}

interface TickState {
  db: Db;
  now: number;
  secret: string;
  publicUrl: string;
  from: string;
  templates: Map<string, { ctx: NotificationContext; template: RenderedTemplate } | null>;
}

async function templateFor(state: TickState, notificationId: string) {
  if (!state.templates.has(notificationId)) {
    const ctx = notificationContext(state.db, notificationId, state.now);
    // An invitation revoked, used or expired before its email went out is not sent.
    const sendable = ctx && !(ctx.notification.kind === "team_invitation" && !ctx.invitation);
    state.templates.set(notificationId, sendable ? { ctx, template: await renderTemplate(ctx, state.publicUrl) } : null);
  }
  return state.templates.get(notificationId)!;
}

/** Renders a delivery's emails the first time it is claimed; later attempts reuse the stored rows. */
async function ensureRendered(state: TickState, delivery: Delivery, now: number) {
  const stored = renderedEmails(state.db, delivery.id);
  if (stored.length > 0) return stored;
  const rendered = await templateFor(state, delivery.notificationId);
  if (!rendered) return [];
  const { ctx, template } = rendered;
  const kind = ctx.notification.kind;
  if (ADDRESS_KINDS.has(kind)) {
    storeRenderedEmails(state.db, delivery.id, invitationEmails(state, ctx, template, delivery), now);
    return renderedEmails(state.db, delivery.id);
  }
  const purpose =
    kind === "subscription_confirm" ? "confirm" : kind === "subscription_manage_link" ? "manage" : kind === "webhook_disabled" ? "webhook_owner" : "broadcast";
  const byId = new Map(reachableSubscribers(state.db, delivery.recipients, purpose).map((s) => [s.id, s]));
  const messages = delivery.recipients.flatMap((id) => {
    const s = byId.get(id);
    if (!s?.email) return [];
    const email = personalise(template, ctx, state.publicUrl, {
      id: s.id,
      email: s.email,
      manageToken: signSubscriberToken(state.secret, "manage", s.id, s.tokenVersion),
      unsubscribeToken: signSubscriberToken(state.secret, "unsubscribe", s.id, s.tokenVersion),
      linkToken: purpose === "confirm" && s.confirmationSentAt !== null ? confirmationToken(state.secret, s.id, s.confirmationSentAt) : undefined,
    });
    return [{ subscriberId: s.id, toAddress: s.email, fromAddress: state.from, ...email, state: "queued" as const }];
  });
  storeRenderedEmails(state.db, delivery.id, messages, now);
  return renderedEmails(state.db, delivery.id);
}

/** The invitation email of a team_invitation delivery (its recipient is an address, not a subscriber). */
function invitationEmails(state: TickState, ctx: NotificationContext, template: RenderedTemplate, delivery: Delivery) {
  if (ctx.notification.kind === "monitor_down") {
    const none = { manageToken: "", unsubscribeToken: "" };
    return delivery.recipients.map((to) => ({ subscriberId: null, toAddress: to, fromAddress: state.from, ...personalise(template, ctx, state.publicUrl, { id: to, email: to, ...none }), state: "queued" as const }));
  }
  const invitation = ctx.invitation;
  if (!invitation || !delivery.recipients.includes(invitation.email)) return [];
  const links = { manageToken: "", unsubscribeToken: "", linkToken: invitationToken(state.secret, invitation.id) };
  const email = personalise(template, ctx, state.publicUrl, { id: invitation.id, email: invitation.email, ...links });
  return [{ subscriberId: null, toAddress: invitation.email, fromAddress: state.from, ...email, state: "queued" as const }];
}

/** Runs one tick. `now` is the tick's clock at its start; it advances with real time during the tick. */
export async function runNotificationJobs(db: Db, now: number = Date.now(), options: JobOptions = {}): Promise<TickResult> {
  const startedAt = Date.now();
  const clock = () => now + (Date.now() - startedAt);
  const config = getConfig();
  const mailer = options.mailer === undefined ? getMailer() : options.mailer;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${newToken(6)}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const state: TickState = {
    db,
    now,
    secret: ensureAppSecret(db, now),
    publicUrl: options.publicUrl ?? config.publicUrl,
    from: options.from ?? config.emailFrom,
    templates: new Map(),
  };
  expireUnconfirmed(db, now);
  const result: TickResult = { fannedOut: fanOutNotifications(db, now, state.publicUrl), sent: 0, retried: 0, failed: 0, parked: 0, nextDueAt: null };
  const pacer = mailer ? pacerFor(mailer) : null;
  const max = options.maxDeliveries ?? Infinity;
  const webhookContext: WebhookDeliveryContext = {
    db,
    workerId,
    appSecret: state.secret,
    publicUrl: state.publicUrl,
    clock,
    options: { allowLoopback: config.webhooksAllowLoopback, ...options.webhooks },
  };

  for (let handled = 0; handled < max; handled++) {
    const delivery = claimDueDelivery(db, workerId, clock(), leaseMs);
    if (!delivery) break;
    if (delivery.channel === "webhook") {
      result[await deliverWebhook(webhookContext, delivery)]++;
      continue;
    }
    const emails = await ensureRendered(state, delivery, clock());
    if (!mailer || emails.length === 0) {
      markDeliverySent(db, delivery, workerId, clock(), null);
      result.sent++;
      continue;
    }
    // Rendered (the slow part) before waiting for the rate limit, so the wait hides it.
    await pacer!.wait();
    const payload = emails.map((e) => ({ from: e.fromAddress, to: [e.toAddress], subject: e.subject, html: e.html, text: e.text, headers: e.headers }));
    const response = await mailer.sendBatch(payload, { idempotencyKey: delivery.idempotencyKey });
    const at = clock();
    pacer!.observe(response.rateLimit, Date.now(), !response.ok && response.name === "rate_limit_exceeded");
    if (response.ok) {
      markDeliverySent(db, delivery, workerId, at, response.ids);
      const kind = getNotification(db, delivery.notificationId)?.kind;
      if (kind && SECRET_LINK_KINDS.has(kind)) rewriteStoredBodies(db, delivery.id, (body) => body.replace(SECRET_LINK, `$1${REMOVED_LINK_TOKEN}`), at);
      result.sent++;
      continue;
    }
    const failure = { statusCode: response.statusCode, name: response.name, retryAfterMs: response.rateLimit.retryAfterMs, resetMs: response.rateLimit.resetMs };
    const decision = decideRetry(failure, delivery.attempts + 1, at, policy);
    const error = `${response.statusCode ?? "network"} ${response.name}: ${response.message}`;
    if (decision.action === "fail") {
      recordDeliveryFailure(db, delivery, workerId, at, { state: "failed", nextAttemptAt: at, countsAsAttempt: true, error, statusCode: response.statusCode });
      result.failed++;
    } else if (decision.action === "park") {
      recordDeliveryFailure(db, delivery, workerId, at, { state: "parked", nextAttemptAt: decision.until, countsAsAttempt: false, error, statusCode: response.statusCode });
      result.parked++;
    } else {
      const next = { state: "pending" as const, nextAttemptAt: at + decision.delayMs, countsAsAttempt: decision.countsAsAttempt };
      recordDeliveryFailure(db, delivery, workerId, at, { ...next, error, statusCode: response.statusCode });
      result.retried++;
    }
  }
  result.nextDueAt = nextDueAt(db);
  return result;
}

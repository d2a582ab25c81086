// The email lane's work: render a delivery's emails once (a retry sends the stored rows again), wait for the
// rate limit, send the batch with its idempotency key, and record what the API said. Never inside a
// transaction; the mail API has a deadline (services/mail/send.ts).
import {
  getNotification,
  notificationContext,
  reachableSubscribers,
  type NotificationContext,
} from "@/db/queries/notifications";
import type { Db } from "@/db";
import type { Delivery } from "@/db/schema";
import { markDeliverySent, recordDeliveryFailure } from "@/db/writes/outbox-results";
import { renderedEmails, rewriteStoredBodies, storeRenderedEmails } from "@/db/writes/outbox-emails";
import type { Mailer, RateLimitInfo } from "@/services/mail/send";
import type { DeliveryOutcome } from "./lanes";
import { personalise, renderTemplate, type RenderedTemplate } from "./render";
import { decideRetry, type RetryPolicy } from "./retry-policy";
import { localeOr } from "./words";
import type { Locale } from "@/core/i18n/locales";
import {
  confirmationToken,
  invitationToken,
  passwordResetToken,
  REMOVED_LINK_TOKEN,
  signSubscriberToken,
  viewerLinkToken,
} from "./tokens";

export const ONE_PERSON_KINDS = new Set(["subscription_confirm", "subscription_manage_link", "webhook_disabled"]);
/**
 * Kinds whose email carries a single-use link (confirmation, invitation). Once Resend has the email, the
 * stored copy loses the link's token, so nobody reading Sent mail can use it in the recipient's place.
 * Without Resend the stored copy is the only one, and keeps it.
 */
const SECRET_LINK_KINDS = new Set(["subscription_confirm", "team_invitation", "password_reset", "viewer_sign_in"]);
const SECRET_LINK = /(\/(?:invite|subscribe\/confirm|login\/reset)\/|\/sign-in\?link=)[\w.-]+/g;
/**
 * A reset link is a key to someone's account and admins read Sent mail, so its stored copy loses the token
 * even when no email leaves the server (without Resend, `npm run admin -- reset-password` is the way back).
 */
const NEVER_KEPT_LINK_KINDS = new Set(["password_reset", "viewer_sign_in"]);

/** Messages to someone who is not a subscriber: the delivery's recipients are addresses, not subscriber ids. */
export const ADDRESS_KINDS = new Set([
  "team_invitation",
  "password_reset",
  "viewer_sign_in",
  "monitor_down",
  "report_spike",
  "report_thanks",
  "publish_failing",
  "publish_recovered",
  "monthly_report",
]);
/** Address kinds whose recipients were named at fan-out (payload or reports), each getting the same email. */
const NAMED_ADDRESS_KINDS = new Set([
  "monitor_down",
  "report_spike",
  "report_thanks",
  "publish_failing",
  "publish_recovered",
  "monthly_report",
]);

/** A rendered template stays this long in the dispatcher's memo: the chunks of one fan-out share it. */
const TEMPLATE_MEMO_MS = 60_000;

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

export interface EmailLaneContext {
  db: Db;
  now: number;
  clock: () => number;
  workerId: string;
  secret: string;
  publicUrl: string;
  from: string;
  mailer: Mailer | null;
  policy: RetryPolicy;
  /** Rendered templates by notification, kept by the dispatcher across ticks. */
  memo: Map<string, { at: number; value: unknown }>;
}
type TickState = EmailLaneContext;
type Rendered = { ctx: NotificationContext; template: RenderedTemplate } | null;

/** Drops memo entries older than TEMPLATE_MEMO_MS (an invitation's validity is read again after that). */
export function pruneTemplateMemo(memo: EmailLaneContext["memo"], now: number) {
  for (const [id, entry] of memo) if (now - entry.at > TEMPLATE_MEMO_MS) memo.delete(id);
}

/** One rendering per notification and language, shared by every recipient who reads that language. */
async function templateFor(state: TickState, notificationId: string, locale: Locale): Promise<Rendered> {
  const key = `${notificationId}:${locale}`;
  if (!state.memo.has(key)) {
    const ctx = notificationContext(state.db, notificationId, state.now);
    // An invitation revoked, used or expired before its email went out is not sent.
    const sendable =
      ctx &&
      !(ctx.notification.kind === "team_invitation" && !ctx.invitation) &&
      !(ctx.notification.kind === "password_reset" && !ctx.passwordReset) &&
      !(ctx.notification.kind === "viewer_sign_in" && !ctx.viewerLink);
    const value = sendable ? { ctx, template: await renderTemplate(ctx, state.publicUrl, locale) } : null;
    state.memo.set(key, { at: state.now, value });
  }
  return state.memo.get(key)!.value as Rendered;
}

/** Renders a delivery's emails the first time it is claimed; later attempts reuse the stored rows. */
async function ensureRendered(state: TickState, delivery: Delivery, now: number) {
  const stored = renderedEmails(state.db, delivery.id);
  if (stored.length > 0) return stored;
  const notification = getNotification(state.db, delivery.notificationId);
  if (!notification) return [];
  const kind = notification.kind;
  if (ADDRESS_KINDS.has(kind)) {
    // Addresses have no stored language; a visitor's thank-you may name the one they reported in.
    const rendered = await templateFor(state, delivery.notificationId, localeOr(notification.payload?.language));
    if (!rendered) return [];
    storeRenderedEmails(state.db, delivery.id, addressEmails(state, rendered.ctx, rendered.template, delivery), now);
    return renderedEmails(state.db, delivery.id);
  }
  const purpose =
    kind === "subscription_confirm"
      ? "confirm"
      : kind === "subscription_manage_link"
        ? "manage"
        : kind === "webhook_disabled"
          ? "webhook_owner"
          : "broadcast";
  const byId = new Map(reachableSubscribers(state.db, delivery.recipients, purpose).map((s) => [s.id, s]));
  const languages = new Set([...byId.values()].map((s) => localeOr(s.language)));
  const templates = new Map<Locale, Rendered>();
  for (const locale of languages) templates.set(locale, await templateFor(state, delivery.notificationId, locale));
  const messages = delivery.recipients.flatMap((id) => {
    const s = byId.get(id);
    const rendered = s ? templates.get(localeOr(s.language)) : null;
    if (!s?.email || !rendered) return [];
    const { ctx, template } = rendered;
    const email = personalise(template, ctx, state.publicUrl, {
      id: s.id,
      email: s.email,
      manageToken: signSubscriberToken(state.secret, "manage", s.id, s.tokenVersion),
      unsubscribeToken: signSubscriberToken(state.secret, "unsubscribe", s.id, s.tokenVersion),
      voteToken: signSubscriberToken(state.secret, "vote", s.id, s.tokenVersion),
      linkToken:
        purpose === "confirm" && s.confirmationSentAt !== null
          ? confirmationToken(state.secret, s.id, s.confirmationSentAt)
          : undefined,
    });
    return [{ subscriberId: s.id, toAddress: s.email, fromAddress: state.from, ...email, state: "queued" as const }];
  });
  storeRenderedEmails(state.db, delivery.id, messages, now);
  return renderedEmails(state.db, delivery.id);
}

/** The email of an invitation or password reset delivery (its recipient is an address, not a subscriber). */
function addressEmails(state: TickState, ctx: NotificationContext, template: RenderedTemplate, delivery: Delivery) {
  if (NAMED_ADDRESS_KINDS.has(ctx.notification.kind)) {
    // A team alert (or a reporter's thank-you) goes to the addresses named in the delivery; no personal link.
    const none = { manageToken: "", unsubscribeToken: "" };
    return delivery.recipients.map((to) => ({
      subscriberId: null,
      toAddress: to,
      fromAddress: state.from,
      ...personalise(template, ctx, state.publicUrl, { id: to, email: to, ...none }),
      state: "queued" as const,
    }));
  }
  const { invitation, passwordReset, viewerLink } = ctx;
  const target = invitation
    ? { id: invitation.id, email: invitation.email, linkToken: invitationToken(state.secret, invitation.id) }
    : passwordReset
      ? {
          id: passwordReset.id,
          email: passwordReset.email,
          linkToken: passwordResetToken(state.secret, passwordReset.id),
        }
      : viewerLink
        ? {
            id: viewerLink.linkId,
            email: viewerLink.email,
            linkToken: viewerLinkToken(state.secret, viewerLink.linkId),
          }
        : null;
  if (!target || !delivery.recipients.includes(target.email)) return [];
  const email = personalise(template, ctx, state.publicUrl, { ...target, manageToken: "", unsubscribeToken: "" });
  return [{ subscriberId: null, toAddress: target.email, fromAddress: state.from, ...email, state: "queued" as const }];
}

/** Sends one claimed email delivery and records the outcome. */
export async function deliverEmail(state: EmailLaneContext, delivery: Delivery): Promise<DeliveryOutcome> {
  const { db, workerId, clock, mailer } = state;
  const emails = await ensureRendered(state, delivery, clock());
  if (!mailer || emails.length === 0) {
    markDeliverySent(db, delivery, workerId, clock(), null);
    const kind = getNotification(db, delivery.notificationId)?.kind;
    if (kind && NEVER_KEPT_LINK_KINDS.has(kind))
      rewriteStoredBodies(db, delivery.id, (body) => body.replace(SECRET_LINK, `$1${REMOVED_LINK_TOKEN}`), clock());
    return "sent";
  }
  const pacer = pacerFor(mailer);
  // Rendered (the slow part) before waiting for the rate limit, so the wait hides it.
  await pacer.wait();
  const payload = emails.map((e) => ({
    from: e.fromAddress,
    to: [e.toAddress],
    subject: e.subject,
    html: e.html,
    text: e.text,
    headers: e.headers,
  }));
  const response = await mailer.sendBatch(payload, { idempotencyKey: delivery.idempotencyKey });
  const at = clock();
  pacer.observe(response.rateLimit, Date.now(), !response.ok && response.name === "rate_limit_exceeded");
  if (response.ok) {
    markDeliverySent(db, delivery, workerId, at, response.ids);
    const kind = getNotification(db, delivery.notificationId)?.kind;
    if (kind && SECRET_LINK_KINDS.has(kind))
      rewriteStoredBodies(db, delivery.id, (body) => body.replace(SECRET_LINK, `$1${REMOVED_LINK_TOKEN}`), at);
    return "sent";
  }
  const failure = {
    statusCode: response.statusCode,
    name: response.name,
    retryAfterMs: response.rateLimit.retryAfterMs,
    resetMs: response.rateLimit.resetMs,
  };
  const decision = decideRetry(failure, delivery.attempts + 1, at, state.policy);
  const error = `${response.statusCode ?? "network"} ${response.name}: ${response.message}`;
  if (decision.action === "fail") {
    recordDeliveryFailure(db, delivery, workerId, at, {
      state: "failed",
      nextAttemptAt: at,
      countsAsAttempt: true,
      error,
      statusCode: response.statusCode,
    });
    return "failed";
  }
  if (decision.action === "park") {
    recordDeliveryFailure(db, delivery, workerId, at, {
      state: "parked",
      nextAttemptAt: decision.until,
      countsAsAttempt: false,
      error,
      statusCode: response.statusCode,
    });
    return "parked";
  }
  const next = {
    state: "pending" as const,
    nextAttemptAt: at + decision.delayMs,
    countsAsAttempt: decision.countsAsAttempt,
  };
  recordDeliveryFailure(db, delivery, workerId, at, { ...next, error, statusCode: response.statusCode });
  return "retried";
}

// The mail module: the only code that imports `resend`. One entry point per endpoint, a client made on
// first use (never at import time, so `next build` needs no key), and every answer turned into a plain
// result the outbox can act on: the SDK never throws, it returns { data, error, headers }. Every call has a
// deadline (an AbortSignal the SDK passes to fetch): an API that never answers must not stop all email.
import { Resend } from "resend";
import { getConfig } from "@/core/config";
import { withSafeHeaders } from "./headers";

/**
 * How long one call may take. Well under the outbox lease (60 s), so a timed-out batch is retried by this
 * worker with the same idempotency key, not taken over by another while it is still in flight.
 */
export const MAIL_API_TIMEOUT_MS = 30_000;

export interface MailerOptions {
  /** Milliseconds one call may take (MAIL_API_TIMEOUT_MS by default; tests use less). */
  timeoutMs?: number;
}

export interface OutgoingEmail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** What Resend told us about our rate limit, from the response headers (never hard-coded). */
export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** Milliseconds until the window resets. */
  resetMs: number | null;
  /** Milliseconds to wait before retrying (retry-after). */
  retryAfterMs: number | null;
}

export type SendResult =
  | { ok: true; ids: string[]; rateLimit: RateLimitInfo }
  | { ok: false; statusCode: number | null; name: string; message: string; rateLimit: RateLimitInfo };

export interface Mailer {
  sendBatch(emails: OutgoingEmail[], options: { idempotencyKey: string }): Promise<SendResult>;
  sendEmail(email: OutgoingEmail, options: { idempotencyKey?: string }): Promise<SendResult>;
}

function seconds(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n * 1000 : null;
}

export function readRateLimit(headers: Record<string, string> | null): RateLimitInfo {
  const h = headers ?? {};
  const int = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : null);
  return {
    limit: int(h["ratelimit-limit"]),
    remaining: int(h["ratelimit-remaining"]),
    resetMs: seconds(h["ratelimit-reset"]),
    retryAfterMs: seconds(h["retry-after"]),
  };
}

type SdkResult<T> = {
  data: T | null;
  error: { statusCode: number | null; name: string; message: string } | null;
  headers: Record<string, string> | null;
};

function toResult<T>(result: SdkResult<T>, ids: (data: T) => string[]): SendResult {
  const rateLimit = readRateLimit(result.headers);
  if (result.error || !result.data) {
    const e = result.error ?? { statusCode: null, name: "application_error", message: "Empty answer" };
    return { ok: false, statusCode: e.statusCode ?? null, name: e.name, message: e.message, rateLimit };
  }
  return { ok: true, ids: ids(result.data), rateLimit };
}

// Every email leaves through here, so this is where its header values become single clean lines.
const toSdk = (email: OutgoingEmail) => {
  const e = withSafeHeaders(email);
  return { from: e.from, to: e.to, subject: e.subject, html: e.html, text: e.text, headers: e.headers };
};

/**
 * Runs one SDK call with a deadline. The SDK turns an aborted fetch into a generic "unable to fetch" error;
 * the signal tells us it was our timeout, reported as a failure without status code (retried, like a
 * network error). The idempotency key makes the retry safe if the API did accept the emails.
 */
async function withDeadline<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<SdkResult<T>>,
  ids: (data: T) => string[],
): Promise<SendResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  const result = await call(signal);
  if (signal.aborted && !result.data) {
    const message = `No answer from the mail API within ${timeoutMs / 1000} s`;
    return { ok: false, statusCode: null, name: "timeout", message, rateLimit: readRateLimit(null) };
  }
  return toResult(result, ids);
}

/** A mailer speaking to Resend (or RESEND_BASE_URL) with the given key. */
export function createResendMailer(apiKey: string, baseUrl?: string, options: MailerOptions = {}): Mailer {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? MAIL_API_TIMEOUT_MS;
  return {
    sendBatch(emails, { idempotencyKey }) {
      return withDeadline(
        timeoutMs,
        (signal) =>
          client.batch.send(emails.map(toSdk), { idempotencyKey, signal }) as Promise<
            SdkResult<{ data: { id: string }[] }>
          >,
        (d) => d.data.map((x) => x.id),
      );
    },
    sendEmail(email, { idempotencyKey }) {
      return withDeadline(
        timeoutMs,
        (signal) => client.emails.send(toSdk(email), { idempotencyKey, signal }) as Promise<SdkResult<{ id: string }>>,
        (d) => [d.id],
      );
    },
  };
}

let cached: { key: string; mailer: Mailer } | undefined;

/**
 * This process's mailer, from RESEND_API_KEY; null when no key is set, in which case emails stay in the
 * local outbox (email_messages, state kept_locally).
 */
export function getMailer(): Mailer | null {
  const config = getConfig();
  if (!config.resendApiKey) return null;
  if (cached?.key !== config.resendApiKey) {
    cached = { key: config.resendApiKey, mailer: createResendMailer(config.resendApiKey, config.resendBaseUrl) };
  }
  return cached.mailer;
}

/** Sends a batch of up to 100 emails (one request, one idempotency key). */
export function sendBatch(emails: OutgoingEmail[], options: { idempotencyKey: string }, mailer = getMailer()) {
  if (!mailer) throw new Error("No RESEND_API_KEY: keep the emails in the local outbox instead");
  return mailer.sendBatch(emails, options);
}

/** Sends one email. */
export function sendEmail(email: OutgoingEmail, options: { idempotencyKey?: string } = {}, mailer = getMailer()) {
  if (!mailer) throw new Error("No RESEND_API_KEY: keep the email in the local outbox instead");
  return mailer.sendEmail(email, options);
}

export type MailMode = "resend" | "local";

/** How this process delivers email: through Resend when RESEND_API_KEY is set, else into the local outbox. */
export function mailMode(): MailMode {
  return getConfig().resendApiKey ? "resend" : "local";
}

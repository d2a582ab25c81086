// The only module that imports the twilio SDK: sending one SMS, and checking the signature of Twilio's
// inbound webhook. The SDK has no base-URL option, so tests (and TWILIO_BASE_URL) point it elsewhere with a
// RequestClient that rewrites api.twilio.com in each request's URI (stack.md). Like the mailer, a send never
// throws: it answers what happened, so the outbox can decide to retry, give up or unsubscribe.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** The sending number (E.164) or a Messaging Service SID (MG...). */
  from: string;
  /** Instead of https://api.twilio.com (tests: the fake server on 127.0.0.1). */
  baseUrl?: string | null;
  timeoutMs?: number;
}

export type SmsSendResult =
  | { ok: true; sid: string; segments: number | null }
  | {
      ok: false;
      /** Twilio's HTTP status, or null when no answer came (network error, timeout). */
      status: number | null;
      /** Twilio's error code (21211, 21610, 20429...), when it sent one. */
      code: number | null;
      message: string;
      /** Worth trying again later: no answer, 429 or a 5xx. */
      retryable: boolean;
      /** The number replied STOP to this sender (21610): never send to it again. */
      optedOut: boolean;
    };

/** Whether Twilio already has this exact message to this number (a send whose answer was lost). */
export type SentCheck = { ok: true; found: boolean } | { ok: false; message: string };

export interface SmsSender {
  send(to: string, body: string): Promise<SmsSendResult>;
  /** Asks Twilio's Messages list (To, From, DateSent>=) for a message with this body sent since `since`. */
  findSent(to: string, body: string, since: number): Promise<SentCheck>;
}

/** One page of the list is enough: a number gets a handful of messages from us a day. */
const LIST_PAGE_SIZE = 100;

const TWILIO_API = /^https:\/\/api\.twilio\.com/;

function clientFor(config: TwilioConfig) {
  const base = config.baseUrl?.replace(/\/+$/, "");
  class Rewriting extends twilio.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      return super.request<TData>({ ...opts, uri: base ? opts.uri.replace(TWILIO_API, base) : opts.uri });
    }
  }
  return twilio(config.accountSid, config.authToken, {
    httpClient: new Rewriting({ timeout: config.timeoutMs ?? 10_000 }),
    autoRetry: false,
  });
}

export function twilioSender(config: TwilioConfig): SmsSender {
  const client = clientFor(config);
  const sender = config.from.startsWith("MG") ? { messagingServiceSid: config.from } : { from: config.from };
  return {
    async send(to, body) {
      try {
        const m = await client.messages.create({ to, body, ...sender });
        return { ok: true, sid: m.sid, segments: m.numSegments ? Number(m.numSegments) : null };
      } catch (err) {
        const e = err as { status?: unknown; code?: unknown; message?: unknown };
        const status = typeof e.status === "number" ? e.status : null;
        const code = typeof e.code === "number" ? e.code : null;
        return {
          ok: false,
          status,
          code,
          message: String(e.message ?? err).slice(0, 500),
          retryable: status === null || status === 429 || status >= 500,
          optedOut: code === 21610,
        };
      }
    },
    async findSent(to, body, since) {
      try {
        // DateSent>= takes a UTC day (Twilio's documented form); the exact time is checked below. A Messaging
        // Service picks its own From number, so then only To narrows the list.
        const page = await client.messages.page({
          to,
          ...("from" in sender ? { from: sender.from } : {}),
          dateSentAfter: new Date(since).toISOString().slice(0, 10) as unknown as Date,
          pageSize: LIST_PAGE_SIZE,
        });
        const found = page.instances.some(
          (m) => m.body === body && (m.dateCreated ?? m.dateSent ?? new Date(0)).getTime() >= since,
        );
        return { ok: true, found };
      } catch (err) {
        const e = err as { status?: unknown; message?: unknown };
        return {
          ok: false,
          message: `${typeof e.status === "number" ? `${e.status} ` : ""}${String(e.message ?? err)}`.slice(0, 300),
        };
      }
    },
  };
}

/**
 * Whether an inbound webhook really comes from Twilio: X-Twilio-Signature is an HMAC-SHA1 of the full URL
 * Twilio called and the sorted form fields, keyed with the auth token.
 */
export function isSignedByTwilio(
  authToken: string,
  signature: string | null,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** The signature Twilio would send (for tests and the fake server's inbound messages). */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

let cached: { key: string; sender: SmsSender } | null = null;
/** The sender from TWILIO_* (made on first use, never at build time), or null when SMS is not configured. */
export function smsSenderFrom(config: TwilioConfig | null): SmsSender | null {
  if (!config) return null;
  const key = `${config.accountSid}:${config.from}:${config.baseUrl ?? ""}`;
  if (cached?.key !== key) cached = { key, sender: twilioSender(config) };
  return cached.sender;
}

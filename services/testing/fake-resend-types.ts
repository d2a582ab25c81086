// What the fake Resend API (fake-resend.ts) records and the knobs a test turns.

export interface RecordedEmail {
  id: string;
  at: number;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  headers: Record<string, string>;
  idempotencyKey: string | null;
}

/**
 * 500: an error answer. drop: the connection closed unanswered. hang: accepted and never answered, before
 * anything is processed. hang-after: processed (the emails are recorded and the idempotency key remembers
 * the answer), then never answered: the lost answer that makes a client retry something that was sent.
 */
export type Failure = "500" | "drop" | "hang" | "hang-after";

/** One request to /emails or /emails/batch, as received. */
export interface RequestRecord {
  at: number;
  path: string;
  idempotencyKey: string | null;
}

export interface FakeResendOptions {
  port?: number;
  /** Requests allowed per window (Resend: 2 per second); 0 disables the limit. */
  rateLimit?: number;
  windowMs?: number;
  /** Added before answering, to keep a request "in flight". */
  latencyMs?: number;
}

export interface FakeResend {
  url: string;
  port: number;
  emails(): RecordedEmail[];
  /** Every request received on /emails and /emails/batch, including rejected ones. */
  requestCount(): number;
  /** Those requests in order, with their Idempotency-Key. */
  requestLog(): RequestRecord[];
  setRateLimit(limit: number, windowMs?: number): void;
  setLatency(ms: number): void;
  /** The next `count` requests (after those already queued to fail) fail in the given way (see Failure). */
  failNext(count: number, how?: Failure): void;
  /** Batches with an email to this address are refused with 422 validation_error, every time. */
  rejectRecipient(address: string | null): void;
  /** Answer 429 daily_quota_exceeded until cleared. */
  setQuotaExceeded(exceeded: boolean): void;
  reset(): void;
  close(): Promise<void>;
}

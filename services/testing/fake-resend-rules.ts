// The fake Resend API's answers to a send, as Resend gives them: its error body, the validation of each email,
// a fixed-window rate limit with its headers. No server here (fake-resend.ts is the server).
import { randomUUID } from "node:crypto";
import type { RecordedEmail } from "./fake-resend-types";

export function errorBody(statusCode: number, name: string, message: string) {
  return { statusCode, name, message };
}

/** Resend takes `to` as one address or a list. */
function recipients(email: Record<string, unknown>): unknown {
  return typeof email.to === "string" ? [email.to] : email.to;
}

function validate(email: Record<string, unknown>): string | null {
  if (typeof email.from !== "string" || !email.from) return "Missing `from` field.";
  if (typeof email.subject !== "string" || !email.subject) return "Missing `subject` field.";
  const to = recipients(email);
  if (!Array.isArray(to) || to.length === 0) return "Missing `to` field.";
  if (to.length > 50) return "Too many recipients: `to` accepts up to 50.";
  if (to.some((a) => typeof a !== "string" || !/^[^\s@<>]+@[^\s@<>]+$/.test(a))) return "Invalid `to` field.";
  if (typeof email.html !== "string" && typeof email.text !== "string") return "Missing `html` or `text` field.";
  return null;
}

function toRecord(email: Record<string, unknown>, key: string | null): RecordedEmail {
  return {
    id: randomUUID(),
    at: Date.now(),
    from: email.from as string,
    to: recipients(email) as string[],
    subject: email.subject as string,
    html: email.html as string | undefined,
    text: email.text as string | undefined,
    headers: (email.headers as Record<string, string> | undefined) ?? {},
    idempotencyKey: key,
  };
}

export type SendAnswer = { status: number; body: unknown };

/**
 * The answer to a send that passed the rate limit and idempotency checks: every email is valid (and none is to
 * the `rejected` address) and all are recorded, or nothing is.
 */
export function answerSend(
  path: string,
  payload: unknown,
  key: string | null,
  state: { quotaExceeded: boolean; rejected: string | null; recorded: RecordedEmail[] },
): SendAnswer {
  if (state.quotaExceeded) {
    return {
      status: 429,
      body: errorBody(429, "daily_quota_exceeded", "You have reached your daily email sending quota."),
    };
  }
  const batch = path === "/emails/batch";
  const emails = batch ? payload : [payload];
  if (!Array.isArray(emails) || emails.length === 0 || (!batch && (payload === null || typeof payload !== "object"))) {
    return { status: 422, body: errorBody(422, "validation_error", "Invalid request body.") };
  }
  if (emails.length > 100) {
    return { status: 422, body: errorBody(422, "validation_error", "Too many emails: a batch accepts up to 100.") };
  }
  for (const email of emails as Record<string, unknown>[]) {
    const problem = validate(email);
    if (problem) return { status: 422, body: errorBody(422, "validation_error", problem) };
    const to = recipients(email) as string[];
    if (state.rejected && to.includes(state.rejected)) {
      return { status: 422, body: errorBody(422, "validation_error", `Invalid \`to\` field: ${state.rejected}`) };
    }
  }
  const ids = (emails as Record<string, unknown>[]).map((e) => {
    const email = toRecord(e, key);
    state.recorded.push(email);
    return email.id;
  });
  return { status: 200, body: batch ? { data: ids.map((id) => ({ id })) } : { id: ids[0] } };
}

/** Resend's rate limit: a fixed window of `limit` requests (0: no limit), reported in ratelimit-* headers. */
export class RateWindow {
  private start = 0;
  private count = 0;

  constructor(
    private limit: number,
    private windowMs: number,
  ) {}

  set(limit: number, windowMs: number): void {
    this.limit = limit;
    this.windowMs = windowMs;
    this.reset();
  }

  reset(): void {
    this.start = 0;
    this.count = 0;
  }

  /** Counts the request, or returns false when the window is full. */
  admit(now: number): boolean {
    if (this.limit <= 0) return true;
    if (now >= this.start + this.windowMs) {
      this.start = now;
      this.count = 0;
    }
    if (this.count >= this.limit) return false;
    this.count++;
    return true;
  }

  headers(now: number): Record<string, string> {
    if (this.limit <= 0) return {};
    const resetSeconds = Math.max(1, Math.ceil((this.start + this.windowMs - now) / 1000));
    return {
      "ratelimit-limit": String(this.limit),
      "ratelimit-remaining": String(Math.max(0, this.limit - this.count)),
      "ratelimit-reset": String(resetSeconds),
    };
  }
}

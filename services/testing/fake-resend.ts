// A fake Resend API on 127.0.0.1 for tests and benchmarks: POST /emails and POST /emails/batch as Resend
// answers them (rate limit with real headers, Idempotency-Key semantics, validation), plus knobs to make it
// fail, and GET /_test/emails so a test in another process can read what was "sent".
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

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

interface IdempotencyEntry {
  hash: string;
  at: number;
  response: { status: number; body: unknown } | null; // null while in flight
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

function errorBody(statusCode: number, name: string, message: string) {
  return { statusCode, name, message };
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  let limit = options.rateLimit ?? 0;
  let windowMs = options.windowMs ?? 1000;
  let latencyMs = options.latencyMs ?? 0;
  let windowStart = 0;
  let windowCount = 0;
  let failures: Failure[] = [];
  let rejected: string | null = null;
  let quotaExceeded = false;
  let requests = 0;
  let log: RequestRecord[] = [];
  let recorded: RecordedEmail[] = [];
  let idempotency = new Map<string, IdempotencyEntry>();

  function rateHeaders(now: number): Record<string, string> {
    if (limit <= 0) return {};
    const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    return {
      "ratelimit-limit": String(limit),
      "ratelimit-remaining": String(Math.max(0, limit - windowCount)),
      "ratelimit-reset": String(resetSeconds),
    };
  }

  /** A fixed window: counts the request, or returns false when the window is full. */
  function admit(now: number): boolean {
    if (limit <= 0) return true;
    if (now >= windowStart + windowMs) {
      windowStart = now;
      windowCount = 0;
    }
    if (windowCount >= limit) return false;
    windowCount++;
    return true;
  }

  function validate(email: Record<string, unknown>): string | null {
    if (typeof email.from !== "string" || !email.from) return "Missing `from` field.";
    if (typeof email.subject !== "string" || !email.subject) return "Missing `subject` field.";
    const to = typeof email.to === "string" ? [email.to] : email.to;
    if (!Array.isArray(to) || to.length === 0) return "Missing `to` field.";
    if (to.length > 50) return "Too many recipients: `to` accepts up to 50.";
    if (to.some((a) => typeof a !== "string" || !/^[^\s@<>]+@[^\s@<>]+$/.test(a))) return "Invalid `to` field.";
    if (typeof email.html !== "string" && typeof email.text !== "string") return "Missing `html` or `text` field.";
    return null;
  }

  function accept(email: Record<string, unknown>, key: string | null): string {
    const id = randomUUID();
    const to = typeof email.to === "string" ? [email.to] : (email.to as string[]);
    recorded.push({
      id,
      at: Date.now(),
      from: email.from as string,
      to,
      subject: email.subject as string,
      html: email.html as string | undefined,
      text: email.text as string | undefined,
      headers: (email.headers as Record<string, string> | undefined) ?? {},
      idempotencyKey: key,
    });
    return id;
  }

  /** The answer to a send, once it passed the rate limit and idempotency checks. */
  function process(path: string, payload: unknown, key: string | null): { status: number; body: unknown } {
    if (quotaExceeded) {
      return {
        status: 429,
        body: errorBody(429, "daily_quota_exceeded", "You have reached your daily email sending quota."),
      };
    }
    const batch = path === "/emails/batch";
    const emails = batch ? payload : [payload];
    if (
      !Array.isArray(emails) ||
      emails.length === 0 ||
      (!batch && (payload === null || typeof payload !== "object"))
    ) {
      return { status: 422, body: errorBody(422, "validation_error", "Invalid request body.") };
    }
    if (emails.length > 100) {
      return { status: 422, body: errorBody(422, "validation_error", "Too many emails: a batch accepts up to 100.") };
    }
    for (const email of emails as Record<string, unknown>[]) {
      const problem = validate(email);
      if (problem) return { status: 422, body: errorBody(422, "validation_error", problem) };
      const to = typeof email.to === "string" ? [email.to] : (email.to as string[]);
      if (rejected && to.includes(rejected)) {
        return { status: 422, body: errorBody(422, "validation_error", `Invalid \`to\` field: ${rejected}`) };
      }
    }
    const ids = (emails as Record<string, unknown>[]).map((e) => accept(e, key));
    return { status: 200, body: batch ? { data: ids.map((id) => ({ id })) } : { id: ids[0] } };
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  async function handleSend(req: http.IncomingMessage, res: http.ServerResponse, path: string, raw: string) {
    requests++;
    const now = Date.now();
    const headerKey = req.headers["idempotency-key"];
    log.push({ at: now, path, idempotencyKey: typeof headerKey === "string" ? headerKey : null });
    const failure = failures.shift();
    if (failure === "drop") {
      req.socket.destroy();
      return;
    }
    // Never answered: the socket stays open until the client gives up (or close() ends every connection).
    if (failure === "hang") return;
    if (failure === "500") return send(res, 500, errorBody(500, "internal_server_error", "Injected failure."));
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? "")) {
      return send(res, 401, errorBody(401, "missing_api_key", "Missing API key in the authorization header."));
    }
    if (!admit(now)) {
      const headers = rateHeaders(now);
      return send(res, 429, errorBody(429, "rate_limit_exceeded", "Too many requests."), {
        ...headers,
        "retry-after": headers["ratelimit-reset"] ?? "1",
      });
    }
    const headers = rateHeaders(now);
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      return send(res, 422, errorBody(422, "validation_error", "Body is not valid JSON."), headers);
    }
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    if (key !== null && (key.length < 1 || key.length > 256)) {
      return send(res, 422, errorBody(422, "validation_error", "Idempotency-Key must be 1-256 characters."), headers);
    }
    let entry: IdempotencyEntry | undefined;
    if (key !== null) {
      const hash = createHash("sha256").update(`${path}\n${raw}`).digest("hex");
      const known = idempotency.get(key);
      if (known && now - known.at < IDEMPOTENCY_TTL_MS) {
        if (known.hash !== hash) {
          const message = "Same idempotency key used with a different request payload.";
          return send(res, 409, errorBody(409, "invalid_idempotent_request", message), headers);
        }
        if (!known.response) {
          const message = "Same idempotency key used while the original request is still in progress.";
          return send(res, 409, errorBody(409, "concurrent_idempotent_requests", message), headers);
        }
        return send(res, known.response.status, known.response.body, headers);
      }
      entry = { hash, at: now, response: null };
      idempotency.set(key, entry);
    }
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const response = process(path, payload, key);
    // Resend remembers successful answers; a failed request may be retried with the same key.
    if (entry) {
      if (response.status < 300) entry.response = response;
      else idempotency.delete(key!);
    }
    if (failure === "hang-after") return;
    send(res, response.status, response.body, headers);
  }

  function handleControl(req: http.IncomingMessage, res: http.ServerResponse, path: string, raw: string) {
    if (req.method === "GET" && path === "/_test/emails") {
      // ?light=1 leaves out the bodies (a benchmark reads 10,000 of them).
      const light = new URL(req.url ?? "/", "http://x").searchParams.get("light") === "1";
      return send(res, 200, { data: light ? recorded.map(({ html: _h, text: _t, ...rest }) => rest) : recorded });
    }
    if (req.method === "GET" && path === "/_test/stats") return send(res, 200, { requests, emails: recorded.length });
    if (req.method === "GET" && path === "/_test/requests") return send(res, 200, { data: log });
    if (req.method !== "POST") return send(res, 404, errorBody(404, "not_found", "Not found."));
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    if (path === "/_test/reset") api.reset();
    else if (path === "/_test/fail")
      api.failNext(
        Number(body.count ?? 1),
        (["drop", "hang", "hang-after"] as const).find((f) => f === body.how) ?? "500",
      );
    else if (path === "/_test/rate-limit") api.setRateLimit(Number(body.limit ?? 0), Number(body.windowMs ?? 1000));
    else if (path === "/_test/reject") api.rejectRecipient(typeof body.address === "string" ? body.address : null);
    else if (path === "/_test/quota") api.setQuotaExceeded(Boolean(body.exceeded));
    else return send(res, 404, errorBody(404, "not_found", "Not found."));
    send(res, 200, { ok: true });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path.startsWith("/_test/")) return handleControl(req, res, path, raw);
      if (req.method === "POST" && (path === "/emails" || path === "/emails/batch")) {
        handleSend(req, res, path, raw).catch(() => res.destroy());
        return;
      }
      send(res, 404, errorBody(404, "not_found", "The requested endpoint does not exist."));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const api: FakeResend = {
    url: `http://127.0.0.1:${port}`,
    port,
    emails: () => recorded.slice(),
    requestCount: () => requests,
    requestLog: () => log.slice(),
    setRateLimit(newLimit, newWindowMs = 1000) {
      limit = newLimit;
      windowMs = newWindowMs;
      windowStart = 0;
      windowCount = 0;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    failNext(count, how = "500") {
      failures.push(...Array.from({ length: count }, () => how));
    },
    rejectRecipient(address) {
      rejected = address;
    },
    setQuotaExceeded(exceeded) {
      quotaExceeded = exceeded;
    },
    reset() {
      recorded = [];
      idempotency = new Map();
      failures = [];
      rejected = null;
      quotaExceeded = false;
      requests = 0;
      log = [];
      windowStart = 0;
      windowCount = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}

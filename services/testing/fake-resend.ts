// A fake Resend API on 127.0.0.1 for tests and benchmarks: POST /emails and POST /emails/batch as Resend
// answers them (rate limit with real headers, Idempotency-Key semantics, validation), plus knobs to make it
// fail, and GET /_test/emails so a test in another process can read what was "sent".
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerSend, errorBody, RateWindow, type SendAnswer } from "./fake-resend-rules";
import type { FakeResend, FakeResendOptions, Failure, RecordedEmail, RequestRecord } from "./fake-resend-types";

export type * from "./fake-resend-types";

interface IdempotencyEntry {
  hash: string;
  at: number;
  response: SendAnswer | null; // null while in flight
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const rate = new RateWindow(options.rateLimit ?? 0, options.windowMs ?? 1000);
  let latencyMs = options.latencyMs ?? 0;
  let failures: Failure[] = [];
  const sendState = { quotaExceeded: false, rejected: null as string | null, recorded: [] as RecordedEmail[] };
  let requests = 0;
  let log: RequestRecord[] = [];
  let idempotency = new Map<string, IdempotencyEntry>();

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
    if (!rate.admit(now)) {
      const headers = rate.headers(now);
      return send(res, 429, errorBody(429, "rate_limit_exceeded", "Too many requests."), {
        ...headers,
        "retry-after": headers["ratelimit-reset"] ?? "1",
      });
    }
    const headers = rate.headers(now);
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
    const response = answerSend(path, payload, key, sendState);
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
      const { recorded } = sendState;
      return send(res, 200, { data: light ? recorded.map(({ html: _h, text: _t, ...rest }) => rest) : recorded });
    }
    if (req.method === "GET" && path === "/_test/stats")
      return send(res, 200, { requests, emails: sendState.recorded.length });
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
    emails: () => sendState.recorded.slice(),
    requestCount: () => requests,
    requestLog: () => log.slice(),
    setRateLimit(newLimit, newWindowMs = 1000) {
      rate.set(newLimit, newWindowMs);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    failNext(count, how = "500") {
      failures.push(...Array.from({ length: count }, () => how));
    },
    rejectRecipient(address) {
      sendState.rejected = address;
    },
    setQuotaExceeded(exceeded) {
      sendState.quotaExceeded = exceeded;
    },
    reset() {
      sendState.recorded = [];
      idempotency = new Map();
      failures = [];
      sendState.rejected = null;
      sendState.quotaExceeded = false;
      requests = 0;
      log = [];
      rate.reset();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}

// One webhook POST: to an address the SSRF guard checked just now (pinned with a custom lookup), with a
// 10 s budget for the whole exchange, redirects not followed (a 3xx is a failure, as the spec says).
// Only the status code matters; at most a few KB of the answer are read (for the console's error column).
import http from "node:http";
import https from "node:https";
import { parseRetryAfter } from "@/core/retry-after";
import { pinnedLookup, type ResolvedAddress } from "./url-guard";

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 4096;

export interface PostResult {
  ok: boolean;
  statusCode: number | null;
  /** For the console: the status and start of the answer, or what went wrong. */
  error: string | null;
  /** A 429's or 503's Retry-After, capped (core/retry-after.ts); absent when the answer had none. */
  retryAfterMs?: number | null;
}

export interface PostRequest {
  url: URL;
  addresses: ResolvedAddress[];
  body: string;
  headers: Record<string, string>;
  timeoutMs?: number;
}

export function postWebhook(request: PostRequest): Promise<PostResult> {
  const { url, addresses, body } = request;
  const timeoutMs = request.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = client.request(url, {
      method: "POST",
      headers: { ...request.headers, "Content-Length": String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(addresses),
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, statusCode: null, error: `Timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) res.destroy();
      });
      const done = () => {
        const ok = status >= 200 && status < 300;
        const text = Buffer.concat(chunks).toString("utf8").slice(0, 200).replace(/\s+/g, " ").trim();
        const retryAfterMs =
          status === 429 || status === 503 ? parseRetryAfter(res.headers["retry-after"], Date.now()) : null;
        finish({ ok, statusCode: status, error: ok ? null : `HTTP ${status}${text ? `: ${text}` : ""}`, retryAfterMs });
      };
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    });
    req.on("error", (err: NodeJS.ErrnoException) =>
      finish({ ok: false, statusCode: null, error: err.code ? `${err.code}: ${err.message}` : err.message }),
    );
    req.end(body);
  });
}

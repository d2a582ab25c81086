// Item 5 against the running production server: a 200 MB chunked upload to each route handler that reads a
// body is answered at once (413, or 401/404 before reading when the signature or token is wrong), and the
// server's resident memory (PAGE_METRICS=1 /_status/metrics) stays flat while the client keeps sending.
import http from "node:http";
import { createApiKey } from "@/services/api-keys";
import { SYSTEM } from "@/core/actor";
import { expect, test } from "./fixtures";

const MB = 1024 * 1024;
const TOTAL = 200 * MB;
const PORT = Number(process.env.E2E_PORT ?? 3100);

interface Upload {
  status: number;
  body: string;
  /** Bytes the client had handed to the socket when the response arrived. */
  sentBeforeResponse: number;
  ms: number;
}

/** Streams TOTAL bytes chunked (no Content-Length) and stops sending as soon as the response arrives. */
function upload(path: string, headers: Record<string, string>): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(MB, 0x61);
    const req = http.request({
      host: "127.0.0.1",
      port: PORT,
      path,
      method: "POST",
      headers: { ...headers, "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      answered = true;
      const sentBeforeResponse = sent;
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(parts).toString("utf8"),
          sentBeforeResponse,
          ms: Date.now() - started,
        });
        req.destroy();
      });
    });
    // The server closes the connection after a refusal; a write that fails then is expected.
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < TOTAL) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function rss(baseURL: string): Promise<number> {
  const response = await fetch(`${baseURL}/_status/metrics`);
  return ((await response.json()) as { rss: number }).rss;
}

/** Runs `work` while sampling the server's RSS every 50 ms; returns the work's result and the peak growth. */
async function sampled<T>(baseURL: string, work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = await rss(baseURL);
  let peak = before;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await rss(baseURL));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const result = await work();
  // A few samples after the answer too: memory that grows once the response is out still counts.
  await new Promise((r) => setTimeout(r, 300));
  running = false;
  await sampler;
  peak = Math.max(peak, await rss(baseURL));
  // Printed so a run shows what was measured, not only that it passed.
  console.log(
    `RSS before ${(before / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB; ${JSON.stringify({ ...(result as object), body: undefined })}`,
  );
  return { result, growth: peak - before };
}

test.describe("request bodies are read through one size-limited reader", () => {
  test.setTimeout(120_000);

  test("POST /api/webhooks/resend with signature headers: 413 at once, memory flat", async ({ baseURL }) => {
    const svix = {
      "svix-id": "msg_big",
      "svix-timestamp": String(Math.floor(Date.now() / 1000)),
      "svix-signature": "v1,AAAA",
      "content-type": "application/json",
    };
    const { result, growth } = await sampled(baseURL!, () => upload("/api/webhooks/resend", svix));
    expect(result.sentBeforeResponse).toBeLessThan(TOTAL / 4);
    expect(result.ms).toBeLessThan(10_000);
    expect(growth).toBeLessThan(40 * MB);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: "The body must be at most 262144 bytes" });
  });

  test("POST /api/webhooks/resend without signature headers: 401 before reading", async ({ baseURL }) => {
    const { result, growth } = await sampled(baseURL!, () =>
      upload("/api/webhooks/resend", { "content-type": "application/json" }),
    );
    expect(result.sentBeforeResponse).toBeLessThan(TOTAL / 4);
    expect(growth).toBeLessThan(40 * MB);
    expect(result.status).toBe(401);
  });

  test("POST /unsubscribe/<unknown token>: 404 before reading, memory flat", async ({ baseURL }) => {
    const { result, growth } = await sampled(baseURL!, () =>
      upload(`/unsubscribe/abcdefghijkl.${"a".repeat(32)}`, { "content-type": "application/x-www-form-urlencoded" }),
    );
    expect(result.sentBeforeResponse).toBeLessThan(TOTAL / 4);
    expect(growth).toBeLessThan(40 * MB);
    expect(result.status).toBe(404);
  });

  test("POST /api/v1/incidents with a valid key: 413 in the API's error shape, memory flat", async ({
    baseURL,
    db,
  }) => {
    const { key } = createApiKey(db, SYSTEM, { name: `big-body-${Date.now()}`, role: "editor" });
    const { result, growth } = await sampled(baseURL!, () =>
      upload("/api/v1/incidents", { authorization: `Bearer ${key}`, "content-type": "application/json" }),
    );
    expect(result.sentBeforeResponse).toBeLessThan(TOTAL / 4);
    expect(growth).toBeLessThan(40 * MB);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: "payload_too_large" } });
  });
});

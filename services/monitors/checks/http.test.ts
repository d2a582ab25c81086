// The HTTP checker against real servers on 127.0.0.1 that the test flips between healthy, failing and worse.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  endlessBody,
  HANDLERS,
  makeCertificates,
  startDnsServer,
  startHttpTarget,
  type Certificates,
  type HttpTarget,
} from "@/services/testing/monitor-targets";
import { httpConfig } from "../config";
import { checkHttp, jsonAt } from "./http";

let target: HttpTarget;
let secure: HttpTarget;
let certs: Certificates;
let dnsServer: Awaited<ReturnType<typeof startDnsServer>>;
const DNS_PORT = 3183;
const FREE_PORT = 3199; // nothing listens here: connection refused

beforeAll(async () => {
  target = await startHttpTarget(3181);
  certs = makeCertificates();
  secure = await startHttpTarget(3182, certs.selfSigned);
  dnsServer = await startDnsServer(DNS_PORT, { "app.internal": [{ type: "A", value: "127.0.0.1" }] });
});
afterAll(async () => {
  await target.close();
  await secure.close();
  await dnsServer.close();
  fs.rmSync(certs.dir, { recursive: true, force: true });
});

const check = (over: Record<string, unknown>, timeoutMs = 3_000) =>
  checkHttp(httpConfig.parse({ url: target.url, ...over }), { timeoutMs });

describe("HTTP checker", () => {
  it("is up on a 2xx and down on a 500, with the status code", async () => {
    target.set(HANDLERS.healthy);
    const ok = await check({});
    expect(ok).toMatchObject({ ok: true, error: null, detail: { statusCode: 200 } });
    expect(ok.responseMs).toBeGreaterThanOrEqual(0);
    target.set(HANDLERS.failing);
    expect(await check({})).toMatchObject({
      ok: false,
      error: "Status 500, expected 2xx",
      detail: { statusCode: 500 },
    });
    expect(await check({ expectedStatus: [500] })).toMatchObject({ ok: true });
  });

  it("checks a keyword present or absent and a JSON path", async () => {
    target.set(HANDLERS.healthy);
    expect(await check({ keyword: '"ok"' })).toMatchObject({ ok: true });
    expect(await check({ keyword: "maintenance" })).toMatchObject({
      ok: false,
      error: 'The response does not contain "maintenance"',
    });
    expect(await check({ keyword: "ok", keywordAbsent: true })).toMatchObject({
      ok: false,
      error: 'The response contains "ok"',
    });
    expect(await check({ jsonPath: "service.healthy", jsonEquals: true })).toMatchObject({ ok: true });
    expect(await check({ jsonPath: "status", jsonEquals: "degraded" })).toMatchObject({
      ok: false,
      error: 'status is "ok", expected "degraded"',
    });
    target.set(HANDLERS.failing);
    expect(await check({ expectedStatus: [500], jsonPath: "status", jsonEquals: "ok" })).toMatchObject({
      ok: false,
      error: "The response is not JSON",
    });
    expect(jsonAt({ a: [{ b: 1 }] }, "a.0.b")).toBe(1);
  });

  it("sends the method, headers and body", async () => {
    let seen = "";
    target.set((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen = `${req.method} ${req.headers["x-probe"]} ${body}`;
        res.end("ok");
      });
    });
    expect(await check({ method: "POST", headers: { "x-probe": "yes" }, body: "ping" })).toMatchObject({ ok: true });
    expect(seen).toBe("POST yes ping");
  });

  it("is down when slower than the maximum response time", async () => {
    target.set(HANDLERS.slow(300));
    const r = await check({ maxResponseMs: 100 });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^Answered in \d+ ms, more than 100 ms$/);
  });

  it("connection refused", async () => {
    expect(
      await checkHttp(httpConfig.parse({ url: `http://127.0.0.1:${FREE_PORT}/` }), { timeoutMs: 2_000 }),
    ).toMatchObject({ ok: false, error: "Connection refused" });
  });

  it("resolves through the monitor's DNS server; a name it does not know is a DNS failure", async () => {
    target.set(HANDLERS.healthy);
    const resolver = `127.0.0.1:${DNS_PORT}`;
    const known = await checkHttp(httpConfig.parse({ url: `http://app.internal:${target.port}/`, resolver }), {
      timeoutMs: 3_000,
    });
    expect(known).toMatchObject({ ok: true, detail: { statusCode: 200 } });
    const unknown = await checkHttp(httpConfig.parse({ url: `http://gone.internal:${target.port}/`, resolver }), {
      timeoutMs: 3_000,
    });
    expect(unknown).toMatchObject({ ok: false, error: "DNS lookup failed: the host name was not found" });
  });

  it("slow loris: a target that sends headers and then nothing is cut off at the timeout", async () => {
    target.set(HANDLERS.slowLoris);
    const started = Date.now();
    const r = await check({}, 500);
    expect(r).toMatchObject({ ok: false, error: "Timed out after 500 ms" });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("a 1 GB response: reading stops at 1 MB and the connection is dropped", async () => {
    const counter = { sent: 0 };
    target.set(endlessBody(1024 ** 3, counter));
    const r = await check({ keyword: "never-there" }, 10_000);
    expect(r).toMatchObject({
      ok: false,
      error: 'The response does not contain "never-there" (in its first 1 MB)',
      detail: { bodyTruncatedAt: 1024 * 1024 },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The server stopped well short of 1 GB: socket buffers hold at most a few MB past what we read.
    expect(counter.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it("redirects: followed up to the limit, loops named, or not followed at all", async () => {
    target.set((req, res) => {
      const m = /^\/hop\/(\d+)$/.exec(req.url ?? "");
      if (req.url === "/loop-a") return void res.writeHead(302, { location: "/loop-b" }).end();
      if (req.url === "/loop-b") return void res.writeHead(302, { location: "/loop-a" }).end();
      if (m && Number(m[1]) > 0) return void res.writeHead(301, { location: `/hop/${Number(m[1]) - 1}` }).end();
      HANDLERS.healthy(req, res);
    });
    expect(await check({ url: `${target.url}/hop/3` })).toMatchObject({
      ok: true,
      detail: { redirects: 3, statusCode: 200 },
    });
    expect(await check({ url: `${target.url}/hop/3`, maxRedirects: 2 })).toMatchObject({
      ok: false,
      error: "More than 2 redirects",
    });
    expect(await check({ url: `${target.url}/loop-a` })).toMatchObject({
      ok: false,
      error: `Redirect loop: ${target.url}/loop-a again`,
    });
    expect(await check({ url: `${target.url}/hop/1`, followRedirects: false })).toMatchObject({
      ok: false,
      error: "Status 301, expected 2xx",
    });
    expect(await check({ url: `${target.url}/hop/1`, followRedirects: false, expectedStatus: [301] })).toMatchObject({
      ok: true,
    });
  });

  it("HTTPS: a self-signed certificate fails with verification on, passes with it off", async () => {
    secure.set(HANDLERS.healthy);
    const strict = await checkHttp(httpConfig.parse({ url: secure.url }), { timeoutMs: 3_000 });
    expect(strict).toMatchObject({ ok: false, error: "TLS: the certificate is self-signed" });
    const lax = await checkHttp(httpConfig.parse({ url: secure.url, verifyTls: false }), { timeoutMs: 3_000 });
    expect(lax).toMatchObject({ ok: true, detail: { statusCode: 200 } });
  });
});

import { PassThrough } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { cacheKey, chooseEncoding, entryFromRender, isCacheable, makeEntry, PageCache, sendEntry } from "./page-cache";

function fakeResponse() {
  const out = { status: 0, headers: {} as Record<string, unknown>, body: undefined as Buffer | undefined };
  const res = {
    writeHead(status: number, headers: Record<string, unknown> | string[]) {
      out.status = status;
      // writeHead takes an object or a flat [name, value, ...] list; compare them as an object.
      out.headers = Array.isArray(headers)
        ? Object.fromEntries(headers.flatMap((v, i) => (i % 2 ? [] : [[v, headers[i + 1]]])))
        : headers;
    },
    end(body?: Buffer) {
      out.body = body;
    },
  } as unknown as ServerResponse;
  return { res, out };
}
const request = (method: string, headers: Record<string, string> = {}) =>
  Object.assign(new PassThrough(), { method, headers }) as unknown as IncomingMessage;

describe("which requests are cached", () => {
  it.each([
    ["GET", "/", true],
    ["HEAD", "/history?page=2", true],
    ["GET", "/incidents/abc123abc123", true],
    ["GET", "/api/v2/summary.json", true],
    ["POST", "/", false],
    ["GET", "/api/health", false],
    ["GET", "/_next/static/chunks/a.css", false],
    ["GET", "/incidents/a/b", false],
    ["GET", "/de", true],
    ["GET", "/ar/history.atom", true],
    ["GET", "/pt-BR/incidents/abc123", true],
    ["HEAD", "/ja/history?page=2", true],
    ["GET", "/xx/", false],
    ["GET", "/pt-br/history", false],
    ["GET", "/de/api/v2/summary.json", false],
    ["GET", "/de/admin", false],
  ])("%s %s -> %s", (method, url, cached) => expect(isCacheable(method, url)).toBe(cached));

  it("keys by path and only the parameters the pages read, in a stable order", () => {
    expect(cacheKey("/history?component=x&page=2&utm_source=y")).toBe("/history?component=x&page=2");
    expect(cacheKey("/history?page=2&component=x")).toBe("/history?component=x&page=2");
    expect(cacheKey("/?fbclid=1")).toBe("/");
  });

  it("keeps each language's copy under its own key", () => {
    expect(cacheKey("/de/history?page=2&utm=1")).toBe("/de/history?page=2");
    expect(cacheKey("/de/history?page=2")).not.toBe(cacheKey("/history?page=2"));
    expect(cacheKey("/ar")).toBe("/ar");
  });
});

describe("chooseEncoding", () => {
  it.each([
    ["gzip, deflate, br", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["identity", null],
    [undefined, null],
  ])("%j -> %s", (header, encoding) => expect(chooseEncoding(header)).toBe(encoding));
});

describe("sendEntry", () => {
  it("serves compressed bytes with CDN headers, 304 on a matching ETag and no body on HEAD", async () => {
    const body = Buffer.from("<html>" + "status ".repeat(500) + "</html>");
    const entry = await makeEntry(200, "text/html; charset=utf-8", body, 1, 0);
    const get = fakeResponse();
    sendEntry(request("GET", { "accept-encoding": "gzip, br" }), get.res, entry, "HIT");
    expect(get.out.status).toBe(200);
    expect(get.out.headers).toMatchObject({ "content-encoding": "br", etag: entry.etag, vary: "Accept-Encoding" });
    expect(String(get.out.headers["cache-control"])).toMatch(
      /public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+/,
    );
    expect(zlib.brotliDecompressSync(get.out.body!).equals(body)).toBe(true);

    const notModified = fakeResponse();
    sendEntry(request("GET", { "if-none-match": `W/${entry.etag}` }), notModified.res, entry, "HIT");
    expect(notModified.out.status).toBe(304);
    expect(notModified.out.body).toBeUndefined();

    const head = fakeResponse();
    sendEntry(request("HEAD"), head.res, entry, "HIT");
    expect(Number(head.out.headers["content-length"])).toBe(body.length);
    expect(head.out.body).toBeUndefined();
  });
});

describe("sendEntry's prepared answers", () => {
  it("sends gzip or identity bytes as asked, the x-cache state given, and CORS on a 304", async () => {
    const body = Buffer.from(JSON.stringify({ status: "ok", pad: "x".repeat(500) }));
    const entry = await makeEntry(200, "application/json", body, 1, 0, { "access-control-allow-origin": "*" });
    const gz = fakeResponse();
    sendEntry(request("GET", { "accept-encoding": "gzip" }), gz.res, entry, "MISS");
    expect(gz.out.headers).toMatchObject({
      "content-encoding": "gzip",
      "x-cache": "MISS",
      "access-control-allow-origin": "*",
    });
    expect(zlib.gunzipSync(gz.out.body!).equals(body)).toBe(true);
    const plain = fakeResponse();
    sendEntry(request("GET", { "accept-encoding": "br;q=0, identity" }), plain.res, entry, "STALE");
    expect(plain.out.headers["content-encoding"]).toBeUndefined();
    expect(plain.out.headers).toMatchObject({ "x-cache": "STALE", "content-length": String(body.length) });
    expect(plain.out.body!.equals(body)).toBe(true);
    const revalidated = fakeResponse();
    sendEntry(request("GET", { "if-none-match": `"other", ${entry.etag}` }), revalidated.res, entry, "HIT");
    expect(revalidated.out.status).toBe(304);
    expect(revalidated.out.headers).toMatchObject({
      etag: entry.etag,
      "access-control-allow-origin": "*",
      "x-cache": "HIT",
    });
  });
});

describe("PageCache", () => {
  it("evicts the least recently used entries past its byte budget", async () => {
    const entry = await makeEntry(200, "text/plain", Buffer.alloc(1000, "a"), 1, 0);
    const one = entry.body.length + entry.gzip.length + entry.br.length + 512;
    const cache = new PageCache(Math.floor(2.5 * one));
    cache.set("/a", entry);
    cache.set("/b", entry);
    cache.get("/a");
    cache.set("/c", entry);
    expect(cache.get("/b")).toBeUndefined();
    expect(cache.get("/a")).toBe(entry);
    expect(cache.get("/c")).toBe(entry);
  });
});

describe("entryFromRender: the cache's contract with the HTML it strips", () => {
  const html = (body: string) =>
    Buffer.from(
      `<!DOCTYPE html><html><head><title>T</title></head><body>${body}<script src="/_next/static/chunks/a.js"></script><script>self.__next_f.push([1,"x"])</script><script src="/page.js" defer data-keep=""></script></body></html>`,
    );
  const rendered = (body: Buffer, contentType = "text/html; charset=utf-8") => ({
    status: 200,
    contentType,
    body,
    headers: {},
  });

  it("caches complete HTML without Next's scripts, keeping ours", async () => {
    const warnings: string[] = [];
    const entry = await entryFromRender("/", rendered(html("<main>All good</main>")), 3, 0, (m) => warnings.push(m));
    expect(entry).toBeDefined();
    const text = entry!.body.toString();
    expect(text).toContain("<main>All good</main>");
    expect(text).toContain('<script src="/page.js" defer data-keep=""></script>');
    expect(text).not.toContain("/_next/static/chunks/a.js");
    expect(text).not.toContain("__next_f");
    expect(entry!.version).toBe(3);
    expect(warnings).toEqual([]);
  });

  it.each([
    ["a pending Suspense boundary", '<!--$?--><template id="B:0"></template><p>Loading</p><!--/$-->', "<!--$?-->"],
    ["a streamed segment's template", '<div hidden id="S:0"></div><template id="B:1"></template>', '<template id="B:'],
  ])("refuses HTML with %s and says why", async (_label, body, marker) => {
    const warnings: string[] = [];
    const entry = await entryFromRender("/history?page=2", rendered(html(body)), 3, 0, (m) => warnings.push(m));
    expect(entry).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("/history?page=2");
    expect(warnings[0]).toContain(marker);
    expect(warnings[0]).toMatch(/not cach/i);
  });

  it("does not look for HTML markers in other content types (an API body may quote them)", async () => {
    const body = Buffer.from(JSON.stringify({ body: "<!--$?-->" }));
    const entry = await entryFromRender("/api/v2/incidents.json", rendered(body, "application/json"), 1, 0, () => {
      throw new Error("no warning expected");
    });
    expect(entry!.body.equals(body)).toBe(true);
  });
});

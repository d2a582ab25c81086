// The public pages are served from server.ts's cache: CDN headers, ETags, no database work on repeat visits,
// and a change through the write layer (from this test process: another connection) shows on the next load.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./public-fixtures";

async function metrics(request: APIRequestContext): Promise<{ queries: number; cache: { hits: number; misses: number } }> {
  return (await request.get("/_status/metrics")).json();
}

test.describe("the public page cache", () => {
  test("sends CDN headers, compresses, and answers 304 to a matching ETag", async ({ request }) => {
    const first = await request.get("/", { headers: { "accept-encoding": "br, gzip" } });
    expect(first.status()).toBe(200);
    const headers = first.headers();
    expect(headers["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
    expect(headers["content-encoding"]).toBe("br");
    expect(headers["vary"]).toBe("Accept-Encoding");
    expect(headers["etag"]).toMatch(/^".+"$/);
    expect(headers["content-security-policy"]).toContain("script-src 'self'");
    const again = await request.get("/", { headers: { "if-none-match": headers["etag"] } });
    expect(again.status()).toBe(304);
    const head = await request.head("/");
    expect(head.status()).toBe(200);
    expect(await head.body()).toHaveLength(0);
  });

  test("serves repeat visits without a single database query", async ({ request, makeIncident, makeService, unique }) => {
    const id = makeIncident({ name: unique("Cache probe"), componentIds: [makeService(unique("Probe"))], updates: [{ status: "resolved", body: "ok" }] });
    const paths = ["/", `/incidents/${id}`, "/history", "/history?page=2"];
    for (const path of paths) expect((await request.get(path)).status()).toBe(200);
    const before = await metrics(request);
    for (let i = 0; i < 5; i++) {
      for (const path of paths) {
        const response = await request.get(path);
        expect(response.headers()["x-cache"]).toBe("HIT");
      }
    }
    const after = await metrics(request);
    expect(after.queries).toBe(before.queries);
    expect(after.cache.hits - before.cache.hits).toBe(5 * paths.length);
  });

  test("shows a change made through the write layer on the very next load", async ({ request, makeService, setStatus, unique }) => {
    const name = unique("Cache Router");
    const id = makeService(name);
    let html = await (await request.get("/")).text();
    expect(html).toContain(name);
    expect((await request.get("/")).headers()["x-cache"]).toBe("HIT");
    setStatus(id, "major_outage", Date.now());
    const response = await request.get("/");
    expect(response.headers()["x-cache"]).toBe("MISS");
    html = await response.text();
    expect(html).toContain("Partial System Outage");
  });

  test("does not let junk query parameters create cache entries", async ({ request }) => {
    await request.get("/");
    const before = await metrics(request);
    for (let i = 0; i < 3; i++) expect((await request.get(`/?utm_source=${i}`)).headers()["x-cache"]).toBe("HIT");
    expect((await metrics(request)).queries).toBe(before.queries);
  });
});

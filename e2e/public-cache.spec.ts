// The public pages are served from server.ts's cache: CDN headers, ETags, no database work on repeat visits,
// and a change through the write layer (from this test process: another connection) shows on the next load.
import type { APIRequestContext } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { incidentComponents } from "@/db/schema";
import { expect, test } from "./public-fixtures";

async function metrics(
  request: APIRequestContext,
): Promise<{ queries: number; cache: { hits: number; misses: number } }> {
  return (await request.get("/_status/metrics")).json();
}

test.describe("the public page cache", () => {
  test("sends CDN headers, compresses, and answers 304 to a matching ETag", async ({ request }) => {
    const first = await request.get("/", { headers: { "accept-encoding": "br, gzip" } });
    expect(first.status()).toBe(200);
    const headers = first.headers();
    expect(headers["cache-control"]).toMatch(
      /^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/,
    );
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

  test("serves repeat visits without a single database query", async ({
    request,
    makeIncident,
    makeService,
    unique,
  }) => {
    const id = makeIncident({
      name: unique("Cache probe"),
      componentIds: [makeService(unique("Probe"))],
      updates: [{ status: "resolved", body: "ok" }],
    });
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

  test("shows a change made through the write layer on the very next load", async ({
    request,
    makeService,
    setStatus,
    unique,
  }) => {
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

/** The parts of a cached HTML page: what is inside <head> and what comes after it. */
function splitHead(html: string): { head: string; rest: string } {
  const end = html.indexOf("</head>");
  expect(end, "the page has a </head>").toBeGreaterThan(0);
  return { head: html.slice(0, end), rest: html.slice(end) };
}

// The cache strips Next's scripts, so whatever Next would have streamed in later (metadata, Suspense
// fallbacks) would never arrive. Every cached HTML route must therefore come complete: the metadata in
// <head>, and no streaming markers anywhere (services/page-cache.ts refuses to cache such HTML).
test.describe("cached HTML is complete without Next's scripts", () => {
  const routes: { name: string; path: (ids: { incident: string; maintenance: string }) => string; og: boolean }[] = [
    { name: "/", path: () => "/", og: true },
    { name: "/history", path: () => "/history", og: true },
    { name: "/history?page=2", path: () => "/history?page=2", og: true },
    { name: "/incidents/<incident>", path: (ids) => `/incidents/${ids.incident}`, og: true },
    { name: "/incidents/<maintenance>", path: (ids) => `/incidents/${ids.maintenance}`, og: true },
    { name: "/incidents/<unknown> (404)", path: () => "/incidents/zzzzzzzzzzzz", og: false },
  ];
  for (const route of routes) {
    test(`${route.name}: title, Open Graph and icon in <head>, no streaming markers`, async ({
      request,
      makeIncident,
      makeService,
      unique,
    }) => {
      const service = makeService(unique("Head probe"));
      const incident = makeIncident({
        name: unique("Head incident"),
        componentIds: [service],
        updates: [{ status: "investigating", body: "Looking." }],
      });
      const maintenance = makeIncident({
        name: unique("Head maintenance"),
        kind: "maintenance",
        componentIds: [service],
        maintenance: {
          scheduledFor: Date.now() + 3_600_000,
          scheduledUntil: Date.now() + 7_200_000,
          autoStart: false,
          autoComplete: false,
          remindBeforeMinutes: null,
          setComponentsUnderMaintenance: false,
        },
        updates: [{ status: "scheduled", body: "Planned." }],
      });
      const path = route.path({ incident, maintenance });
      await request.get(path); // the miss that renders and caches
      const response = await request.get(path);
      expect(response.headers()["x-cache"]).toBe("HIT");
      const html = await response.text();
      const { head, rest } = splitHead(html);
      expect(head).toMatch(/<title>[^<]+<\/title>/);
      if (route.og) {
        expect(head).toMatch(/<meta property="og:title" content="[^"]+"/);
        expect(head).toMatch(/<link rel="icon" href="\/favicon-[a-z]+\.svg"/);
      }
      expect(rest).not.toMatch(/<title>|<meta |<link rel="icon"/);
      expect(html).not.toContain("<!--$?-->");
      expect(html).not.toContain('<template id="B:');
    });
  }
});

test("shows a change committed by another process on the next request, even one that keeps every row count", async ({
  request,
  db,
  makeIncident,
  makeService,
  unique,
}) => {
  const before = unique("Swap before");
  const after = unique("Swap after");
  const first = makeService(before);
  const second = makeService(after);
  const id = makeIncident({
    name: unique("Swap incident"),
    componentIds: [first],
    updates: [{ status: "investigating", body: "Looking." }],
  });
  expect(await (await request.get(`/incidents/${id}`)).text()).toContain(before);
  expect((await request.get(`/incidents/${id}`)).headers()["x-cache"]).toBe("HIT");
  // This test runs in its own process with its own connection: the server learns of this only from the file.
  db.update(incidentComponents)
    .set({ componentId: second })
    .where(and(eq(incidentComponents.incidentId, id), eq(incidentComponents.componentId, first)))
    .run();
  const response = await request.get(`/incidents/${id}`);
  const html = await response.text();
  expect(html).toContain(after);
  expect(html).not.toContain(before);
});

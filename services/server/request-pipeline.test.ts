// The production server's pipeline (server.ts) on a real loopback listener, with a real database file, page
// store and audience gate: public pages come from the cache until the content version moves, everything else
// and a private page's anonymous visitor go to Next, and the metrics endpoint answers only when switched on.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pages } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { PageStore } from "@/services/page-store";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { AudienceGate } from "@/services/viewers/cache-gate";
import { RENDER_AUDIENCE_HEADER, RENDER_KEY_HEADER } from "@/services/viewers/policy";
import { pageRenderer } from "./render-client";
import { PUBLISHER_KEY_HEADER, requestPipeline, type NextHandler } from "./request-pipeline";
import { PublicVersionReader } from "./version-reader";

const servers: http.Server[] = [];
let world: World | undefined;
let versions: PublicVersionReader | undefined;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  versions?.close();
  world?.db.$client.close();
  world = versions = undefined;
});

async function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function get(port: number, urlPath: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { headers, redirect: "manual" });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** A server with the pipeline in front of a stand-in Next that records what reached it. */
async function start(options: { metrics?: boolean; publisherKey?: string } = {}) {
  world = makeWorld();
  versions = new PublicVersionReader(world.file);
  const renders: { url: string; audience: string; key: string }[] = [];
  const renderPort = await listen((req, res) => {
    renders.push({
      url: req.url ?? "",
      audience: String(req.headers[RENDER_AUDIENCE_HEADER]),
      key: String(req.headers[RENDER_KEY_HEADER]),
    });
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<html><body>render ${renders.length} of ${req.url}</body></html>`);
  });
  const toNext: { url: string; forwardedFor: string }[] = [];
  const handle: NextHandler = async (req, res) => {
    toNext.push({ url: req.url ?? "", forwardedFor: String(req.headers["x-forwarded-for"]) });
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("from next");
  };
  const db = world.db;
  const store = new PageStore({ render: pageRenderer({ port: () => renderPort, renderKey: "test-key" }) });
  const port = await listen(
    requestPipeline({
      handle,
      trustProxy: false,
      pages: store,
      publisherKey: options.publisherKey,
      gate: new AudienceGate(() => db),
      versions,
      metrics: options.metrics ?? false,
      workerQueries: () => 7,
    }),
  );
  return { port, renders, toNext, world, store };
}

describe("the request pipeline", () => {
  it("serves the in-process publisher (its key in PUBLISHER_KEY_HEADER) without keeping its renders", async () => {
    const { port, renders, store } = await start({ publisherKey: "publisher-secret" });
    const mark = { [PUBLISHER_KEY_HEADER]: "publisher-secret" };
    expect((await get(port, "/history", mark)).body).toContain("render 1 of /history");
    expect(store.cache.size).toBe(0);
    expect(store.cache.stats).toMatchObject({ misses: 0, publisherRenders: 1 });
    // A wrong key is an ordinary visitor: the render is cached and counted as the visitors' miss.
    await get(port, "/", { [PUBLISHER_KEY_HEADER]: "guess" });
    expect(store.cache.size).toBe(1);
    expect(store.cache.stats).toMatchObject({ misses: 1 });
    // The publisher takes the visitors' current copy when there is one.
    expect((await get(port, "/", mark)).body).toContain("render 2 of /");
    expect(renders.length).toBe(2);
    expect(store.cache.stats).toMatchObject({ publisherHits: 1 });
  });

  it("answers a public page from the cache until the content version moves", async () => {
    const { port, renders, world } = await start();
    const first = await get(port, "/");
    expect(first.status).toBe(200);
    expect(first.body).toContain("render 1 of /");
    expect(renders).toEqual([{ url: "/", audience: "public", key: "test-key" }]);
    const second = await get(port, "/?utm_source=x");
    expect(second.body).toContain("render 1 of /");
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(renders).toHaveLength(1);

    insertComponent(world.db, { pageId: world.pageId, name: "Wiki", at: 5, actor: { source: "manual" } });
    const third = await get(port, "/");
    expect(third.body).toContain("render 2 of /");
    expect(renders).toHaveLength(2);
  });

  it("sends the console, forms and RSC navigations to Next with the client address set", async () => {
    const { port, renders, toNext } = await start();
    expect((await get(port, "/admin")).body).toBe("from next");
    expect((await get(port, "/", { rsc: "1" })).body).toBe("from next");
    expect(toNext.map((r) => r.url)).toEqual(["/admin", "/"]);
    // Not trusting a proxy, the address is the socket's, whatever the client claims.
    expect((await get(port, "/admin", { "x-forwarded-for": "203.0.113.9" })).body).toBe("from next");
    expect(toNext.map((r) => r.forwardedFor)).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
    expect(renders).toEqual([]);
  });

  it("sends a private page's anonymous visitor to Next, never a cached copy", async () => {
    const { port, renders, toNext, world } = await start();
    world.db.update(pages).set({ visibility: "private" }).run();
    expect((await get(port, "/")).body).toBe("from next");
    expect(toNext.map((r) => r.url)).toEqual(["/"]);
    expect(renders).toEqual([]);
  });

  it("leaves /_status/metrics to Next unless switched on", async () => {
    const { port, toNext } = await start();
    expect((await get(port, "/_status/metrics")).body).toBe("from next");
    expect(toNext.map((r) => r.url)).toEqual(["/_status/metrics"]);
  });

  it("serves /_status/metrics, counting the render worker's queries, when switched on", async () => {
    const on = await start({ metrics: true });
    await get(on.port, "/");
    const metrics = JSON.parse((await get(on.port, "/_status/metrics")).body);
    expect(metrics.version).toBeGreaterThan(0);
    expect(metrics.cache.entries).toBe(1);
    expect(metrics.queries).toBeGreaterThanOrEqual(7);
  });
});

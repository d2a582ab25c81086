// The publisher reads the whole site through the same store as visitors, but its reads never insert into
// the visitors' cache: a full publish of a site larger than the cache leaves the visitors' pages (and their
// hit rate) as they were. It still takes a current copy when one is cached, and shares a render in flight.
import { describe, expect, it } from "vitest";
import { PageCache, type Rendered } from "./page-cache";
import { PageStore, type Served } from "./page-store";

const page = (text: string): Rendered => ({
  status: 200,
  contentType: "text/html; charset=utf-8",
  // Incompressible filler, so each entry has a known, sizeable footprint in the cache's byte budget.
  body: Buffer.from(`<!DOCTYPE html><html><body>${text}${"x".repeat(20_000)}</body></html>`),
  headers: {},
});

function setup(maxBytes: number) {
  const renders: string[] = [];
  const store = new PageStore({
    render: async (key) => {
      renders.push(key);
      return page(`page ${key}`);
    },
    cache: new PageCache(maxBytes),
  });
  return { store, renders };
}
const state = async (served: Served) => {
  const a = await served;
  return "entry" in a ? a.state : `uncached ${a.status}`;
};

describe("PageStore: the publisher's reads", () => {
  it("leave the visitors' pages cached through a full read of a site larger than the cache", async () => {
    const { store, renders } = setup(400_000);
    const visitorPages = ["/", "/history", "/incidents/a", "/de", "/de/history"];
    for (const key of visitorPages) expect(await state(store.serve(key, 1, "h"))).toBe("MISS");
    const entriesBefore = store.cache.size;
    expect(entriesBefore).toBe(visitorPages.length);

    // 200 pages, several times the cache's budget, read the way a full publish reads them.
    const site = Array.from({ length: 200 }, (_, i) => `/incidents/i${i}`);
    for (const key of site) {
      const answer = await store.serveForPublisher(key, 1, "h");
      expect("entry" in answer && answer.entry.body.toString()).toContain(`page ${key}`);
    }
    expect(store.cache.size).toBe(entriesBefore);

    const { hits, misses } = store.cache.stats;
    for (const key of visitorPages) expect(await state(store.serve(key, 1, "h"))).toBe("HIT");
    expect(store.cache.stats).toMatchObject({ hits: hits + visitorPages.length, misses });
    // The publisher's own reads are counted apart from the visitors'.
    expect(store.cache.stats).toMatchObject({ publisherHits: 0, publisherRenders: 200 });
    expect(renders.length).toBe(visitorPages.length + 200);
  });

  it("takes a fresh cached copy as it is, and renders an outdated or aged one into the visitors' slot", async () => {
    const clock = { now: 1_000_000 };
    const renders: string[] = [];
    const store = new PageStore({
      render: async (key) => (renders.push(key), page(`render ${renders.length}`)),
      now: () => clock.now,
      freshMs: 60_000,
    });
    await store.serve("/", 1, "h");
    const hit = await store.serveForPublisher("/", 1, "h");
    expect("entry" in hit && hit.state).toBe("HIT");
    expect(renders).toEqual(["/"]);
    // A newer version: the publisher never gets the previous copy (no STALE), it waits for version 2, and that
    // render replaces the visitors' outdated copy (the cache does not grow), so the next visitor has a hit.
    const fresh = await store.serveForPublisher("/", 2, "h");
    expect("entry" in fresh && fresh.entry.body.toString()).toContain("render 2");
    expect(store.cache.size).toBe(1);
    expect(await state(store.serve("/", 2, "h"))).toBe("HIT");
    // Past FRESH_MS (time alone changes the page: uptime days, upcoming maintenance) the publisher renders anew.
    clock.now += 60_001;
    const aged = await store.serveForPublisher("/", 2, "h");
    expect("entry" in aged && aged.entry.body.toString()).toContain("render 3");
    expect(store.cache.stats).toMatchObject({ publisherHits: 1, publisherRenders: 2 });
  });

  it("shares a visitor's render in flight instead of starting another", async () => {
    const { store, renders } = setup(10_000_000);
    const visitor = store.serve("/history", 1, "h");
    const publisher = store.serveForPublisher("/history", 1, "h");
    expect(await state(visitor)).toBe("MISS");
    const answer = await publisher;
    expect("entry" in answer && answer.entry.body.toString()).toContain("page /history");
    expect(renders).toEqual(["/history"]);
  });
});

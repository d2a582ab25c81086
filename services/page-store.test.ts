// The rule for a request that finds its cached copy outdated (docs/page-cache.md): the request that notices a
// new version waits for the new render; requests that arrive while it is in flight get the previous copy,
// marked STALE, for at most STALE_MS after it was found outdated; a failed render keeps the previous copy.
import { describe, expect, it } from "vitest";
import type { Rendered } from "./page-cache";
import { PageStore, type Served } from "./page-store";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const page = (text: string, status = 200): Rendered => ({
  status,
  contentType: "text/html; charset=utf-8",
  body: Buffer.from(`<!DOCTYPE html><html><head><title>T</title></head><body>${text}</body></html>`),
  headers: {},
});

/** A store whose renders the test finishes by hand, on a clock the test moves. */
function setup(options: { staleMs?: number; retryMs?: number; freshMs?: number } = {}) {
  const renders: { key: string; done: ReturnType<typeof deferred<Rendered>> }[] = [];
  const logs: string[] = [];
  const clock = { now: 1_000_000 };
  const store = new PageStore({
    render: (key) => {
      const done = deferred<Rendered>();
      renders.push({ key, done });
      return done.promise;
    },
    now: () => clock.now,
    log: (message) => logs.push(message),
    ...options,
  });
  return { store, renders, logs, clock };
}

const isReady = (served: Served) => !(served instanceof Promise);
async function text(served: Served): Promise<{ state: string; body: string }> {
  const answer = await served;
  if ("entry" in answer) return { state: answer.state, body: answer.entry.body.toString() };
  return { state: `uncached ${answer.status}`, body: answer.body.toString() };
}
/** Lets the store's own continuations (compression, caching) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A store holding `/` rendered at version 1 ("old"). */
async function withOldCopy(options: Parameters<typeof setup>[0] = {}) {
  const s = setup(options);
  const first = s.store.serve("/", 1, "h");
  s.renders[0].done.resolve(page("old"));
  expect(await text(first)).toEqual({ state: "MISS", body: expect.stringContaining("old") });
  expect(await text(s.store.serve("/", 1, "h"))).toEqual({ state: "HIT", body: expect.stringContaining("old") });
  return s;
}

describe("PageStore: a new content version", () => {
  it("makes the first request wait for the new render, so a visitor alone sees the change at once", async () => {
    const { store, renders } = await withOldCopy();
    const first = store.serve("/", 2, "h");
    expect(isReady(first)).toBe(false);
    expect(renders).toHaveLength(2);
    renders[1].done.resolve(page("new"));
    expect(await text(first)).toEqual({ state: "MISS", body: expect.stringContaining("new") });
    expect(await text(store.serve("/", 2, "h"))).toEqual({ state: "HIT", body: expect.stringContaining("new") });
  });

  it("gives requests that arrive during that render the previous copy at once, marked STALE", async () => {
    const { store, renders } = await withOldCopy();
    const first = store.serve("/", 2, "h");
    const during = [store.serve("/", 2, "h"), store.serve("/", 2, "h")];
    for (const served of during) {
      expect(isReady(served)).toBe(true);
      expect(await text(served)).toEqual({ state: "STALE", body: expect.stringContaining("old") });
    }
    expect(renders).toHaveLength(2); // one render for all of them
    renders[1].done.resolve(page("new"));
    await first;
    expect(await text(store.serve("/", 2, "h"))).toEqual({ state: "HIT", body: expect.stringContaining("new") });
  });

  it("keeps the previous copy's headers except x-cache", async () => {
    const { store } = await withOldCopy();
    const hit = store.serve("/", 1, "h");
    void store.serve("/", 2, "h");
    const stale = store.serve("/", 2, "h");
    if (hit instanceof Promise || stale instanceof Promise || !("entry" in hit) || !("entry" in stale))
      throw new Error("expected ready answers");
    expect(stale.entry).toBe(hit.entry);
    const headers = (state: "HIT" | "STALE") =>
      Object.fromEntries(
        (hit.entry.responses.br[state].headers as string[]).flatMap((v, i, all) => (i % 2 ? [] : [[v, all[i + 1]]])),
      );
    expect({ ...headers("STALE"), "x-cache": "HIT" }).toEqual(headers("HIT"));
  });

  it("stops serving the previous copy once it has been outdated for STALE_MS: later requests wait", async () => {
    const { store, renders, clock } = await withOldCopy({ staleMs: 2000 });
    const first = store.serve("/", 2, "h");
    clock.now += 1999;
    expect(isReady(store.serve("/", 2, "h"))).toBe(true);
    clock.now += 2;
    const late = store.serve("/", 2, "h");
    expect(isReady(late)).toBe(false);
    expect(renders).toHaveLength(2);
    renders[1].done.resolve(page("new"));
    expect(await text(late)).toEqual({ state: "MISS", body: expect.stringContaining("new") });
    await first;
  });

  it("measures the bound from when the copy was first found outdated, across further versions", async () => {
    const { store, renders, clock } = await withOldCopy({ staleMs: 2000 });
    void store.serve("/", 2, "h");
    clock.now += 1500;
    // Another commit while version 2 renders: its first request waits for a render of version 3.
    const v3 = store.serve("/", 3, "h");
    expect(isReady(v3)).toBe(false);
    expect(renders.map((r) => r.key)).toEqual(["/", "/", "/"]);
    expect(await text(store.serve("/", 3, "h"))).toMatchObject({ state: "STALE" });
    clock.now += 600; // 2.1 s after version 2 was noticed
    expect(isReady(store.serve("/", 3, "h"))).toBe(false);
    renders[2].done.resolve(page("v3"));
    expect(await text(v3)).toMatchObject({ state: "MISS", body: expect.stringContaining("v3") });
  });

  it("never replaces a newer copy with an older render that finishes later", async () => {
    const { store, renders } = await withOldCopy();
    const v2 = store.serve("/", 2, "h");
    const v3 = store.serve("/", 3, "h");
    renders[2].done.resolve(page("v3"));
    await v3;
    renders[1].done.resolve(page("v2"));
    await v2;
    await settle();
    expect(await text(store.serve("/", 3, "h"))).toEqual({ state: "HIT", body: expect.stringContaining("v3") });
  });

  it("makes everyone wait for one shared render when there is no previous copy", async () => {
    const { store, renders } = setup();
    const all = [store.serve("/history", 1, "h"), store.serve("/history", 1, "h")];
    expect(all.every((s) => !isReady(s))).toBe(true);
    expect(renders).toHaveLength(1);
    renders[0].done.resolve(page("history"));
    for (const served of all) expect(await text(served)).toMatchObject({ state: "MISS" });
  });
});

describe("PageStore: a failed render", () => {
  it("keeps serving the previous copy, logs why, and retries after RETRY_MS", async () => {
    const { store, renders, logs, clock } = await withOldCopy({ retryMs: 1000 });
    const first = store.serve("/", 2, "h");
    renders[1].done.reject(new Error("database is locked"));
    expect(await text(first)).toEqual({ state: "STALE", body: expect.stringContaining("old") });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain("/");
    expect(logs[0]).toContain("database is locked");
    expect(logs[0]).toMatch(/previous copy/);

    // Until the retry, every request gets the previous copy at once, and nothing renders.
    clock.now += 999;
    expect(await text(store.serve("/", 2, "h"))).toMatchObject({ state: "STALE" });
    expect(renders).toHaveLength(2);
    clock.now += 2;
    const retry = store.serve("/", 2, "h");
    expect(isReady(retry)).toBe(false);
    expect(renders).toHaveLength(3);
    // While the retry renders, the others keep the previous copy even past STALE_MS: waiting cannot help.
    clock.now += 10_000;
    expect(await text(store.serve("/", 2, "h"))).toMatchObject({ state: "STALE" });
    renders[2].done.resolve(page("new"));
    expect(await text(retry)).toMatchObject({ state: "MISS", body: expect.stringContaining("new") });
  });

  it("treats an error status from Next as a failure: the previous copy, with the status logged", async () => {
    const { store, renders, logs } = await withOldCopy();
    const first = store.serve("/", 2, "h");
    renders[1].done.resolve(page("Internal error", 500));
    expect(await text(first)).toEqual({ state: "STALE", body: expect.stringContaining("old") });
    expect(logs.join("\n")).toMatch(/500/);
  });

  it("answers the error as it came, uncached, when there is no previous copy", async () => {
    const { store, renders } = setup();
    const first = store.serve("/", 1, "h");
    renders[0].done.resolve(page("Internal error", 500));
    expect(await text(first)).toEqual({ state: "uncached 500", body: expect.stringContaining("Internal error") });
    const thrown = store.serve("/history", 1, "h");
    renders[1].done.reject(new Error("boom"));
    expect(await text(thrown)).toMatchObject({ state: "uncached 503" });
  });
});

describe("PageStore: a language's duplicate URL", () => {
  it("caches the permanent redirect (with its Location) like a page: /en/x -> /x for the default language", async () => {
    const { store, renders } = setup();
    const first = store.serve("/en/history", 1, "h");
    renders[0].done.resolve({ ...page(""), status: 308, headers: { location: "/history" } });
    const answer = await first;
    expect("entry" in answer && answer.entry.status).toBe(308);
    expect("entry" in answer && answer.entry.headers.location).toBe("/history");
    expect(isReady(store.serve("/en/history", 1, "h"))).toBe(true);
  });
});

describe("PageStore: time alone", () => {
  it("serves an entry older than FRESH_MS once more while one fresh copy renders in the background", async () => {
    const { store, renders, clock } = await withOldCopy({ freshMs: 60_000 });
    clock.now += 60_001;
    expect(await text(store.serve("/", 1, "h"))).toMatchObject({ state: "HIT", body: expect.stringContaining("old") });
    expect(await text(store.serve("/", 1, "h"))).toMatchObject({ state: "HIT" });
    expect(renders).toHaveLength(2);
    renders[1].done.resolve(page("refreshed"));
    await settle();
    expect(await text(store.serve("/", 1, "h"))).toMatchObject({ body: expect.stringContaining("refreshed") });
  });
});

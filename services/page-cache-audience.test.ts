// The page cache and audiences (issue #15): one copy per audience, never per person; the internal copy is
// only handed to a request with the right to it, and always as private, no-store (its 304 too).
import { PassThrough } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { pages } from "@/db/schema";
import { emptyPage } from "@/services/testing/scenario";
import { AudienceGate } from "@/services/viewers/cache-gate";
import { createViewerSession } from "@/services/viewers/sessions";
import { audienceKey, cacheKey, makeEntry, PageCache, PRIVATE_CACHE_CONTROL, sendEntry } from "./page-cache";

function fakeResponse() {
  const out = { status: 0, headers: {} as Record<string, string> };
  const res = {
    writeHead(status: number, headers: string[]) {
      out.status = status;
      out.headers = Object.fromEntries(headers.flatMap((v, i) => (i % 2 ? [] : [[v, headers[i + 1]]])));
    },
    end() {},
  } as unknown as ServerResponse;
  return { res, out };
}
const request = (headers: Record<string, string> = {}) =>
  Object.assign(new PassThrough(), { method: "GET", headers }) as unknown as IncomingMessage;

describe("one copy per audience", () => {
  it("keeps the public and the internal copy apart, the public under the plain key", async () => {
    const cache = new PageCache();
    const key = cacheKey("/?utm=x");
    cache.set(audienceKey("public", key), await makeEntry(200, "text/html", Buffer.from("public"), 1, 0));
    cache.set(
      audienceKey("internal", key),
      await makeEntry(200, "text/html", Buffer.from("internal"), 1, 0, { "cache-control": PRIVATE_CACHE_CONTROL }),
    );
    expect(cache.get("/")?.body.toString()).toBe("public");
    expect(cache.get(audienceKey("internal", "/"))?.body.toString()).toBe("internal");
    expect(cache.size).toBe(2);
  });

  it("sends the internal copy, and its 304, as private, no-store; the public copy keeps the CDN headers", async () => {
    const internal = await makeEntry(200, "text/html", Buffer.from("internal"), 1, 0, {
      "cache-control": PRIVATE_CACHE_CONTROL,
    });
    const full = fakeResponse();
    sendEntry(request(), full.res, internal, "HIT");
    expect(full.out.headers["cache-control"]).toBe("private, no-store");
    const revalidated = fakeResponse();
    sendEntry(request({ "if-none-match": internal.etag }), revalidated.res, internal, "HIT");
    expect(revalidated.out.status).toBe(304);
    expect(revalidated.out.headers["cache-control"]).toBe("private, no-store");
    const pub = fakeResponse();
    sendEntry(request(), pub.res, await makeEntry(200, "text/html", Buffer.from("p"), 1, 0), "HIT");
    expect(pub.out.headers["cache-control"]).toMatch(/^public/);
  });
});

describe("the gate in front of the cache", () => {
  function gate(visibility: "public" | "private" | "mixed") {
    const { db } = emptyPage();
    db.update(pages).set({ visibility, viewerIpAllowlist: "10.0.0.0/8" }).run();
    return { db, gate: new AudienceGate(() => db) };
  }

  it("a public page: everyone gets the public copy, and no query is made after the first", () => {
    const { db, gate: g } = gate("public");
    expect(g.decide(1, {}, "/", () => "10.1.1.1")).toBe("public");
    db.$client.close(); // any further read would throw
    expect(g.decide(1, { cookie: "viewer_session=x" }, "/", () => null)).toBe("public");
  });

  it("a mixed page: public without a right, internal with a session, an allowed address or a token", () => {
    const { db, gate: g } = gate("mixed");
    const { token } = createViewerSession(db, { email: "a@example.com", method: "email", now: Date.now() });
    expect(g.decide(1, {}, "/", () => "192.0.2.1")).toBe("public");
    expect(g.decide(1, { cookie: `other=1; viewer_session=${token}` }, "/", () => "192.0.2.1")).toBe("internal");
    expect(g.decide(1, { cookie: "viewer_session=forged" }, "/", () => "192.0.2.1")).toBe("public");
    expect(g.decide(1, {}, "/", () => "10.9.9.9")).toBe("internal");
  });

  it("a private page refuses the public, and sees a change of visibility at the next version", () => {
    const { db, gate: g } = gate("private");
    expect(g.decide(1, {}, "/", () => "192.0.2.1")).toBe("refused");
    db.update(pages).set({ visibility: "public" }).run();
    expect(g.decide(1, {}, "/", () => "192.0.2.1")).toBe("refused");
    expect(g.decide(2, {}, "/", () => "192.0.2.1")).toBe("public");
  });
});

import { describe, expect, it } from "vitest";
import {
  cacheControlFor,
  isPublishablePath,
  keyForUrl,
  LONG_CACHE,
  normalizeUrl,
  htmlLocale,
  publishedNotice,
  publishRefusal,
  relativeLink,
  rewriteAbsolute,
  rewriteCss,
  rewriteHtml,
  SHORT_CACHE,
  stampHtml,
  uploadRank,
  type LinkContext,
} from "./publish-paths";

describe("which paths are published", () => {
  it("takes the public pages, feeds, API v2, badge, embed and assets", () => {
    for (const p of [
      "/",
      "/history",
      "/incidents/abc123",
      "/api/v2/summary.json",
      "/api/v2/incidents/unresolved.json",
      "/history.atom",
      "/history.rss",
      "/maintenances.ics",
      "/maintenances/abc123.ics",
      "/badge.svg",
      "/embed.js",
      "/embed/widget",
      "/page.js",
      "/favicon-none.svg",
      "/assets/abc123",
      "/_next/static/chunks/a1b2.css",
    ]) {
      expect(isPublishablePath(p), p).toBe(true);
    }
  });

  it("takes every language's copy of the pages, feeds and calendar, and nothing else under a prefix", () => {
    for (const p of ["/de", "/ar/history", "/pt-BR/incidents/abc123", "/ja/history.atom", "/fr/maintenances.ics"])
      expect(isPublishablePath(p), p).toBe(true);
    for (const p of ["/de/subscribe", "/de/api/v2/summary.json", "/xx/history", "/pt-br", "/de/page.js", "/de/admin"])
      expect(isPublishablePath(p), p).toBe(false);
    expect(keyForUrl("/de", "text/html")).toBe("de.html");
    expect(keyForUrl("/ar/history?page=2", "text/html")).toBe("ar/history--page-2.html");
    expect(keyForUrl("/de/history.atom", "application/atom+xml")).toBe("de/history.atom");
  });

  it("never takes forms, sign-in, the console, the management API, health or metrics", () => {
    for (const p of [
      "/subscribe",
      "/login",
      "/admin",
      "/admin/settings",
      "/manage/tok",
      "/unsubscribe/tok",
      "/api/v1/incidents",
      "/api/health",
      "/metrics",
      "/api/webhooks/resend",
      "/_status/metrics",
      "/_next/static/../../etc/passwd",
    ]) {
      expect(isPublishablePath(p), p).toBe(false);
    }
  });
});

describe("object keys", () => {
  it("gives pages .html and folds the parameters the pages read into the name", () => {
    expect(keyForUrl("/", "text/html")).toBe("index.html");
    expect(keyForUrl("/history", "text/html; charset=utf-8")).toBe("history.html");
    expect(keyForUrl("/history?page=2&utm=x", "text/html")).toBe("history--page-2.html");
    expect(keyForUrl("/history?page=2&component=abc", "text/html")).toBe("history--component-abc--page-2.html");
    expect(keyForUrl("/incidents/abc", "text/html")).toBe("incidents/abc.html");
    expect(keyForUrl("/history.atom?component=abc", "application/atom+xml")).toBe("history--component-abc.atom");
    expect(keyForUrl("/badge.svg?component=abc", "image/svg+xml")).toBe("badge--component-abc.svg");
    expect(keyForUrl("/api/v2/summary.json", "application/json")).toBe("api/v2/summary.json");
    expect(keyForUrl("/assets/abc", "image/png")).toBe("assets/abc.png");
  });

  it("drops unknown parameters and odd values", () => {
    expect(normalizeUrl("/history?utm=1")).toBe("/history");
    expect(normalizeUrl("/history?page=../../x")).toBe("/history");
    expect(normalizeUrl("/history?page=3&component=c1")).toBe("/history?component=c1&page=3");
  });

  it("caches hashed assets for a year and everything else briefly", () => {
    expect(cacheControlFor("_next/static/chunks/x.css")).toBe(LONG_CACHE);
    expect(cacheControlFor("assets/abc.png")).toBe(LONG_CACHE);
    expect(cacheControlFor("index.html")).toBe(SHORT_CACHE);
    expect(cacheControlFor("api/v2/summary.json")).toBe(SHORT_CACHE);
  });

  it("uploads what pages link to first and the entry points last", () => {
    const keys = ["index.html", "incidents/a.html", "_next/static/x.css", "history.html", "api/v2/summary.json"];
    const order = [...keys].sort((a, b) => uploadRank(a) - uploadRank(b));
    expect(order[0]).toBe("_next/static/x.css");
    expect(order[1]).toBe("incidents/a.html");
    expect(order.slice(-2).sort()).toEqual(["api/v2/summary.json", "index.html"]);
  });
});

describe("link rewriting", () => {
  const keys = new Map([
    ["/", "index.html"],
    ["/history", "history.html"],
    ["/history?page=2", "history--page-2.html"],
    ["/incidents/abc", "incidents/abc.html"],
    ["/_next/static/media/f.woff2", "_next/static/media/f.woff2"],
    ["/api/v2/summary.json", "api/v2/summary.json"],
  ]);
  const ctx = (selfKey: string, baseUrl?: string): LinkContext => ({
    selfKey,
    keys,
    origins: ["http://localhost:3000"],
    origin: "https://origin.example.org",
    baseUrl,
  });

  it("makes links between published pages relative", () => {
    expect(relativeLink("incidents/abc.html", "index.html")).toBe("../index.html");
    expect(relativeLink("index.html", "incidents/abc.html", "#u1")).toBe("incidents/abc.html#u1");
    const html = '<a href="/">Home</a><a href="/history?page=2&amp;utm=x">2</a><a href="/incidents/abc#x">i</a>';
    expect(rewriteHtml(html, ctx("incidents/abc.html"))).toBe(
      '<a href="../index.html">Home</a><a href="../history--page-2.html">2</a><a href="abc.html#x">i</a>',
    );
  });

  it("sends links to what is not published to the origin, and leaves other sites alone", () => {
    const html = '<a href="/subscribe">s</a><a href="https://other.example/x">o</a><a href="#main">skip</a>';
    expect(rewriteHtml(html, ctx("index.html"))).toBe(
      '<a href="https://origin.example.org/subscribe">s</a><a href="https://other.example/x">o</a><a href="#main">skip</a>',
    );
  });

  it("rewrites absolute links to the app in attributes and Open Graph", () => {
    const html = '<meta property="og:url" content="http://localhost:3000/incidents/abc"/><meta name="x" content="/y"/>';
    expect(rewriteHtml(html, ctx("index.html", "https://status.example.org"))).toBe(
      '<meta property="og:url" content="https://status.example.org/incidents/abc.html"/><meta name="x" content="/y"/>',
    );
  });

  it("rewrites url() in stylesheets relative to the stylesheet", () => {
    expect(rewriteCss("a{src:url(/_next/static/media/f.woff2)}", ctx("_next/static/css/a.css"))).toBe(
      "a{src:url(../media/f.woff2)}",
    );
  });

  it("points absolute links in JSON and feeds at the published address when it is known", () => {
    const json =
      '{"shortlink":"http://localhost:3000/incidents/abc","page":"http://localhost:3000","x":"http://localhost:3000/login"}';
    expect(rewriteAbsolute(json, ctx("api/v2/summary.json", "https://status.example.org"))).toBe(
      '{"shortlink":"https://status.example.org/incidents/abc.html","page":"https://status.example.org/index.html","x":"http://localhost:3000/login"}',
    );
    expect(rewriteAbsolute(json, ctx("api/v2/summary.json"))).toBe(json);
  });
});

describe("the published notice", () => {
  it("goes at the end of the footer and says when and where the forms are", () => {
    const notice = publishedNotice(Date.UTC(2026, 11, 1, 12, 5), "https://origin.example.org");
    expect(notice).toContain('datetime="2026-12-01T12:05:00.000Z"');
    expect(notice).toContain("Dec 1, 2026, 12:05 PM UTC</time>");
    expect(notice).toContain("Published at");
    expect(stampHtml("<body><footer><p>f</p></footer></body>", "N")).toBe("<body><footer><p>f</p>N</footer></body>");
    expect(stampHtml("<body><p>w</p></body>", "N")).toBe("<body><p>w</p>N</body>");
  });

  it("is in the page's own language, read from its <html lang>", () => {
    const at = Date.UTC(2026, 11, 1, 12, 5);
    const origin = "https://origin.example.org/?a=1&b=2";
    const de = publishedNotice(at, origin, htmlLocale('<!DOCTYPE html><html lang="de" class="x">'));
    expect(de).toContain('Veröffentlicht am <time datetime="2026-12-01T12:05:00.000Z">');
    expect(de).toContain("01.12.2026, 12:05 UTC</time>");
    expect(de).toContain('href="https://origin.example.org/?a=1&amp;b=2"');
    const ar = publishedNotice(at, origin, htmlLocale('<html dir="rtl" lang="ar">'));
    expect(ar).toMatch(/^<p class="mt-4" data-published-at="[^"]+">نُشر في <time /);
    expect(ar).toContain("يتم الاشتراك");
    expect(htmlLocale('<html lang="xx">')).toBe("en");
    expect(htmlLocale("<svg></svg>")).toBe("en");
  });
});

describe("what is publishable", () => {
  it("refuses a page that is not public, with the reason", () => {
    expect(publishRefusal({})).toBeUndefined();
    expect(publishRefusal({ visibility: "public" })).toBeUndefined();
    expect(publishRefusal({ visibility: "mixed" })).toBeUndefined();
    expect(publishRefusal({ visibility: "private" })).toMatch(/private, not public/);
    expect(publishRefusal({ visibility: "staff-only" })).toMatch(/staff-only, not public/);
  });
});

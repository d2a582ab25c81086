// The static copy has every language: each seed is fetched under each language's prefix, and the default
// language's prefixed duplicate (a 308 to the unprefixed URL) is skipped, not an error.
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/core/i18n/locales";
import { crawlSite, inEveryLanguage, type Fetched } from "./site";

const html = (body: string): Fetched => ({ status: 200, contentType: "text/html", body: Buffer.from(body) });

describe("publishing every language", () => {
  it("expands a seed with language versions, and leaves the others alone", () => {
    expect(inEveryLanguage("/")).toEqual(["/", ...LOCALES.map((l) => `/${l}`)]);
    expect(inEveryLanguage("/history?component=c1")).toContain("/ar/history?component=c1");
    expect(inEveryLanguage("/api/v2/summary.json")).toEqual(["/api/v2/summary.json"]);
    expect(inEveryLanguage("/page.js")).toEqual(["/page.js"]);
  });

  it("fetches each language's page, skips the default's redirect, and follows the menu's links", async () => {
    const asked: string[] = [];
    const pages = await crawlSite(
      async (url) => {
        asked.push(url);
        if (url === "/en") return { status: 308, contentType: "text/plain", body: Buffer.alloc(0) };
        if (url === "/de") return html('<a href="/de/history">Verlauf</a>');
        if (url === "/" || /^\/[a-zA-Z-]+$/.test(url) || url.endsWith("/history")) return html("ok");
        return { status: 404, contentType: "text/html", body: Buffer.alloc(0) };
      },
      ["/"],
    );
    expect(asked).toContain("/en");
    expect([...pages.keys()]).toEqual(expect.arrayContaining(["/", "/de", "/ar", "/pt-BR", "/de/history"]));
    expect(pages.has("/en")).toBe(false);
  });
});

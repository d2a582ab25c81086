// The decision server.ts and the render worker make before Next sees a request: the URL alone sets the
// language, a visitor's own headers of our names are dropped, and the default's duplicate is a 308.
import type http from "node:http";
import { describe, expect, test } from "vitest";
import { DEFAULT_LOCALE_HEADER, LOCALE_HEADER, PATH_HEADER } from "./locale-headers";
import { routeLanguage } from "./node-routing";

function call(url: string, headers: Record<string, string> = {}, defaultLocale: "en" | "de" = "en") {
  const req = { url, method: "GET", headers: { ...headers } } as unknown as http.IncomingMessage;
  const answer: { status?: number; headers?: Record<string, string> } = {};
  const res = {
    writeHead: (status: number, h: Record<string, string>) => Object.assign(answer, { status, headers: h }),
    end: () => {},
  } as unknown as http.ServerResponse;
  const answered = routeLanguage(req, res, () => defaultLocale);
  return { answered, url: req.url, headers: req.headers, answer };
}

describe("routeLanguage", () => {
  test("a prefixed page is rewritten to its route with the language set", () => {
    const r = call("/de/history?page=2");
    expect(r).toMatchObject({ answered: false, url: "/history?page=2" });
    expect(r.headers[LOCALE_HEADER]).toBe("de");
    expect(r.headers[PATH_HEADER]).toBe("/history?page=2");
    expect(r.headers[DEFAULT_LOCALE_HEADER]).toBe("en");
  });

  test("a visitor's header never chooses the language", () => {
    const spoof = { [LOCALE_HEADER]: "ar", [PATH_HEADER]: "/x", [DEFAULT_LOCALE_HEADER]: "ja" };
    const home = call("/", spoof);
    expect(home.headers[LOCALE_HEADER]).toBe("en");
    const console = call("/admin/settings", spoof);
    expect(console.url).toBe("/admin/settings");
    expect(console.headers[LOCALE_HEADER]).toBeUndefined();
    expect(console.headers[PATH_HEADER]).toBeUndefined();
  });

  test("the default language's prefix answers 308 to the one URL", () => {
    const r = call("/de/history?page=2", {}, "de");
    expect(r.answered).toBe(true);
    expect(r.answer).toMatchObject({ status: 308, headers: { location: "/history?page=2" } });
  });

  test("a trailing slash after a language goes, like everywhere else", () => {
    expect(call("/de/?x=1").answer).toMatchObject({ status: 308, headers: { location: "/de?x=1" } });
    expect(call("/de/history/").answer).toMatchObject({ status: 308, headers: { location: "/de/history" } });
  });

  test("a prefix on a path without language versions is the not-found page in that language", () => {
    const r = call("/ja/admin");
    expect(r.url).toBe("/__status/not-found");
    expect(r.headers[LOCALE_HEADER]).toBe("ja");
  });

  test("an unknown prefix is left for Next's 404, in no language", () => {
    const r = call("/xx/history", { [LOCALE_HEADER]: "de" });
    expect(r).toMatchObject({ answered: false, url: "/xx/history" });
    expect(r.headers[LOCALE_HEADER]).toBeUndefined();
  });
});

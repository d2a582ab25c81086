import { describe, expect, test } from "vitest";
import { languageAlternates, localizePath, routeLocale, splitLocalePath } from "./paths";
import { LOCALES } from "./locales";

describe("splitLocalePath", () => {
  test("reads a known language prefix and leaves the rest", () => {
    expect(splitLocalePath("/de/history")).toEqual({ locale: "de", rest: "/history" });
    expect(splitLocalePath("/de")).toEqual({ locale: "de", rest: "/" });
    expect(splitLocalePath("/de/")).toEqual({ locale: "de", rest: "/" });
    expect(splitLocalePath("/pt-BR/incidents/abc")).toEqual({ locale: "pt-BR", rest: "/incidents/abc" });
    expect(splitLocalePath("/ar/history.atom")).toEqual({ locale: "ar", rest: "/history.atom" });
  });

  test("an unknown or near-miss language is no language at all", () => {
    for (const path of ["/xx/", "/pt-br/", "/DE/history", "/pt/", "/history", "/", "/deutsch"])
      expect(splitLocalePath(path).locale, path).toBeUndefined();
  });
});

describe("routeLocale (the proxy's decision)", () => {
  test("unprefixed public paths are the page's default language", () => {
    expect(routeLocale("/", "", "en")).toEqual({ kind: "serve", locale: "en", path: "/" });
    expect(routeLocale("/history", "", "de")).toEqual({ kind: "serve", locale: "de", path: "/history" });
  });

  test("a prefixed path is served in that language from the unprefixed route", () => {
    expect(routeLocale("/de/", "", "en")).toEqual({ kind: "serve", locale: "de", path: "/" });
    expect(routeLocale("/ar/incidents/x1", "", "en")).toEqual({ kind: "serve", locale: "ar", path: "/incidents/x1" });
    expect(routeLocale("/ja/subscribe/sms", "", "en")).toEqual({ kind: "serve", locale: "ja", path: "/subscribe/sms" });
    // The SMS follow form, the SMS manage flow (number, code, settings link) and the SMS short links.
    for (const path of ["/incidents/x1/follow/sms", "/manage/sms", "/manage/sms/verify", "/manage/sms/a.b.c", "/i/x1"])
      expect(routeLocale(`/de${path}`, "", "en"), path).toEqual({ kind: "serve", locale: "de", path });
  });

  test("the default language's prefix redirects to the one URL, keeping the query", () => {
    expect(routeLocale("/en/history", "?page=2", "en")).toEqual({ kind: "redirect", location: "/history?page=2" });
    expect(routeLocale("/de", "", "de")).toEqual({ kind: "redirect", location: "/" });
  });

  test("a language prefix on a path with no language versions is not found", () => {
    expect(routeLocale("/de/admin", "", "en")).toEqual({ kind: "not-found", locale: "de" });
    expect(routeLocale("/de/api/v2/summary.json", "", "en")).toEqual({ kind: "not-found", locale: "de" });
    expect(routeLocale("/de/manage/tok", "", "en")).toEqual({ kind: "not-found", locale: "de" });
  });

  test("console, API and unknown prefixes have no language", () => {
    for (const path of ["/admin", "/api/v2/summary.json", "/xx/", "/pt-br/history", "/manage/tok"])
      expect(routeLocale(path, "", "en"), path).toEqual({ kind: "none" });
  });
});

describe("localizePath and languageAlternates", () => {
  test("the default language has no prefix; others do", () => {
    expect(localizePath("/", "de", "en")).toBe("/de");
    expect(localizePath("/history?page=2", "ar", "en")).toBe("/ar/history?page=2");
    expect(localizePath("/?component=x", "fr", "en")).toBe("/fr?component=x");
    expect(localizePath("/history", "en", "en")).toBe("/history");
    expect(localizePath("/history", "en", "de")).toBe("/en/history");
  });

  test("one alternate per language plus x-default on the unprefixed URL", () => {
    const list = languageAlternates("/incidents/abc", "en");
    expect(list.map((a) => a.hrefLang)).toEqual([...LOCALES, "x-default"]);
    expect(list.find((a) => a.hrefLang === "en")!.href).toBe("/incidents/abc");
    expect(list.find((a) => a.hrefLang === "pt-BR")!.href).toBe("/pt-BR/incidents/abc");
    expect(list.find((a) => a.hrefLang === "x-default")!.href).toBe("/incidents/abc");
  });
});

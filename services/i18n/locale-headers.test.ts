import { describe, expect, test } from "vitest";
import { routeLocale } from "@/core/i18n/paths";
import { DEFAULT_LOCALE_HEADER, LOCALE_HEADER, localeHeaders, PATH_HEADER } from "./locale-headers";
import { publicLocaleFrom } from "./locale-headers";

const spoofed = () =>
  new Headers({ [LOCALE_HEADER]: "ar", [PATH_HEADER]: "/evil", [DEFAULT_LOCALE_HEADER]: "ja", cookie: "a=b" });

describe("the language headers a page sees come from the URL only", () => {
  test("a visitor's own headers are dropped on a path with no language", () => {
    const headers = localeHeaders(spoofed(), routeLocale("/admin", "", "en"), "", "en");
    expect(headers.get(LOCALE_HEADER)).toBeNull();
    expect(headers.get(PATH_HEADER)).toBeNull();
    expect(headers.get(DEFAULT_LOCALE_HEADER)).toBeNull();
    expect(headers.get("cookie")).toBe("a=b");
    expect(publicLocaleFrom((n) => headers.get(n)).locale).toBe("en");
  });

  test("and overwritten on an unprefixed public page with the page's default", () => {
    const headers = localeHeaders(spoofed(), routeLocale("/history", "?page=2", "de"), "?page=2", "de");
    expect(headers.get(LOCALE_HEADER)).toBe("de");
    expect(headers.get(PATH_HEADER)).toBe("/history?page=2");
    const info = publicLocaleFrom((n) => headers.get(n));
    expect(info).toMatchObject({ locale: "de", defaultLocale: "de", path: "/history?page=2" });
    expect(info.href("/incidents/a")).toBe("/incidents/a");
  });

  test("a prefixed page gets its prefix's language, and links keep the prefix", () => {
    const headers = localeHeaders(spoofed(), routeLocale("/fr/incidents/x", "", "en"), "", "en");
    const info = publicLocaleFrom((n) => headers.get(n));
    expect(info).toMatchObject({ locale: "fr", defaultLocale: "en", path: "/incidents/x" });
    expect(info.href("/subscribe")).toBe("/fr/subscribe");
  });

  test("a language's not-found page knows its language", () => {
    const headers = localeHeaders(spoofed(), routeLocale("/ja/admin", "", "en"), "", "en");
    expect(headers.get(LOCALE_HEADER)).toBe("ja");
    expect(headers.get(PATH_HEADER)).toBeNull();
  });

  test("a header value that is not a language falls back to English", () => {
    const info = publicLocaleFrom((n) => (n === LOCALE_HEADER ? "xx" : null));
    expect(info.locale).toBe("en");
  });
});

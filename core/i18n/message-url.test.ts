// The links in subscriber messages: the reader's language only where the page has one URL per language.
import { describe, expect, it } from "vitest";
import { messageUrl } from "./message-url";

const BASE = "https://status.example.org/";
const de = { locale: "de", defaultLocale: "en" } as const;

describe("messageUrl", () => {
  it("prefixes a localized path for a language other than the page's default", () => {
    expect(messageUrl(BASE, de, "/incidents/abc")).toBe("https://status.example.org/de/incidents/abc");
    expect(messageUrl(BASE, de, "/helpful/u1?voter=t")).toBe("https://status.example.org/de/helpful/u1?voter=t");
    expect(messageUrl(BASE, de, "/maintenances/m1.ics")).toBe("https://status.example.org/de/maintenances/m1.ics");
  });

  it("the home page is /de, not /de/", () => {
    expect(messageUrl(BASE, de, "/")).toBe("https://status.example.org/de");
  });

  it("the page's default language has no prefix, whichever language that is", () => {
    expect(messageUrl(BASE, { locale: "en", defaultLocale: "en" }, "/incidents/abc")).toBe(
      "https://status.example.org/incidents/abc",
    );
    expect(messageUrl(BASE, { locale: "de", defaultLocale: "de" }, "/incidents/abc")).toBe(
      "https://status.example.org/incidents/abc",
    );
    expect(messageUrl(BASE, { locale: "en", defaultLocale: "de" }, "/incidents/abc")).toBe(
      "https://status.example.org/en/incidents/abc",
    );
  });

  it("never prefixes a path without language versions", () => {
    for (const path of ["/manage/tok", "/unsubscribe/tok", "/subscribe/confirm/tok", "/api#webhooks", "/admin/report"])
      expect(messageUrl(BASE, de, path)).toBe(`https://status.example.org${path}`);
  });

  it("decides on the path alone, not on its query or fragment", () => {
    expect(messageUrl(BASE, de, "/manage/tok?x=/incidents/a")).toBe(
      "https://status.example.org/manage/tok?x=/incidents/a",
    );
    expect(messageUrl(BASE, de, "/incidents/a#updates")).toBe("https://status.example.org/de/incidents/a#updates");
  });
});

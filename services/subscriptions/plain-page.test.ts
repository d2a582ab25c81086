// The plain pages' header names the status page; before the page's name is known (a refusal with no page
// row yet) it says "status page" in the reader's language, never English on a German or Arabic page.
import { describe, expect, it } from "vitest";
import { plainPage } from "./plain-page";

const header = (html: string) => /<header><a href="[^"]*">([^<]*)<\/a>/.exec(html)?.[1];

describe("plainPage's header", () => {
  it("names the page when its name is known, escaped", () => {
    expect(header(plainPage({ pageName: "Acme <IT>", title: "T", body: "", locale: "de" }))).toBe("Acme &#60;IT&#62;");
  });

  it("without a name, says 'status page' in the reader's language", () => {
    expect(header(plainPage({ title: "T", body: "", locale: "de" }))).toBe("Statusseite");
    expect(header(plainPage({ title: "T", body: "", locale: "ar" }))).toBe("صفحة الحالة");
    expect(header(plainPage({ title: "T", body: "", locale: "ja" }))).toBe("ステータスページ");
    expect(header(plainPage({ title: "T", body: "" }))).toBe("Status page");
  });
});

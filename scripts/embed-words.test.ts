// public/embed.js carries its own copy of namespace "embed-banner" (a static script cannot import the catalog):
// the copy must equal the catalog, and the banner must speak the language the site asks for, with its `dir`.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/core/i18n/catalog";

const source = fs.readFileSync(path.resolve(import.meta.dirname, "../public/embed.js"), "utf8");

interface FakeElement {
  tag: string;
  textContent: string;
  attributes: Record<string, string>;
  children: FakeElement[];
  style: Record<string, string>;
  setAttribute(name: string, value: string): void;
  appendChild(child: FakeElement): void;
  remove(): void;
}

/** Runs the script in a bare context with one open incident in the summary; returns the banner it adds. */
async function banner(dataLang: string | null, htmlLang = ""): Promise<FakeElement> {
  const element = (tag: string): FakeElement => ({
    tag,
    textContent: "",
    attributes: {},
    children: [],
    style: {},
    setAttribute(name, value) {
      this.attributes[name] = value;
    },
    appendChild(child) {
      this.children.push(child);
    },
    remove() {},
  });
  const body = element("body");
  const summary = {
    incidents: [
      {
        id: "i1",
        updated_at: "t",
        name: "Webmail langsam",
        impact: "minor",
        shortlink: "http://127.0.0.1/x",
        incident_updates: [{ body: "Wir prüfen das." }],
      },
    ],
    scheduled_maintenances: [],
  };
  const context = {
    URL,
    JSON,
    String,
    setInterval: () => 0,
    localStorage: { getItem: () => null, setItem: () => {} },
    fetch: async () => ({ ok: true, json: async () => summary }),
    document: {
      readyState: "complete",
      currentScript: {
        src: "http://127.0.0.1:3390/embed.js",
        getAttribute: (n: string) => (n === "data-lang" ? dataLang : null),
      },
      documentElement: { lang: htmlLang },
      body,
      getElementById: () => null,
      createElement: element,
    },
  };
  (context as Record<string, unknown>).window = context;
  vm.runInNewContext(source, context);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(body.children).toHaveLength(1);
  return body.children[0];
}

const texts = (el: FakeElement): string[] => [el.textContent, ...el.children.flatMap(texts)];

describe("public/embed.js", () => {
  it("carries exactly the catalog's words of every language", () => {
    const copy = JSON.parse(/var WORDS = (\{.*\});/.exec(source)![1]);
    expect(copy).toEqual(CATALOG["embed-banner"]);
  });

  it("speaks German with data-lang=de", async () => {
    const bar = await banner("de");
    expect(bar.attributes).toMatchObject({ lang: "de", dir: "ltr" });
    expect(texts(bar)).toContain("Status ansehen");
    expect(bar.children[1].attributes["aria-label"]).toBe("Statusmeldung schließen");
    // The admin's words as written.
    expect(texts(bar)).toContain("Webmail langsam");
  });

  it("speaks Arabic, right to left, from the host page's <html lang>", async () => {
    const bar = await banner(null, "ar-EG");
    expect(bar.attributes).toMatchObject({ lang: "ar", dir: "rtl" });
    expect(texts(bar)).toContain("عرض الحالة");
  });

  it("falls back to English for a language it does not have, and takes pt for pt-BR", async () => {
    expect(texts(await banner("xx"))).toContain("View status");
    expect(texts(await banner("pt"))).toContain("Ver status");
  });
});

// Every message exists in every language, parses as ICU, and uses no placeholder or tag the English one lacks
// (a translation cannot ask for a value the code never passes). Also: every folder under messages/ is in the
// catalog with exactly one file per language, so a namespace cannot be half-added.
import { readdirSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, test } from "vitest";
import { CATALOG, type Namespace } from "./catalog";
import { LOCALES, type Locale } from "./locales";
import { translator } from "./translate";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

/** The argument and tag names a message uses, e.g. {count} and <link>. */
function names(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(el.type === TYPE.tag ? `<${el.value}>` : `{${el.value}}`);
    if (el.type === TYPE.tag) names(el.children, into);
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) names(option.value, into);
  }
  return into;
}

const namespaces = Object.keys(CATALOG) as Namespace[];
const messagesDir = path.join(__dirname, "messages");

test("every folder under messages/ is in the catalog, with one JSON file per language", () => {
  const folders = readdirSync(messagesDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  expect(folders.map((d) => d.name).sort()).toEqual([...namespaces].sort());
  for (const folder of folders) {
    const files = readdirSync(path.join(messagesDir, folder.name)).filter((f) => f.endsWith(".json"));
    expect(files.sort(), folder.name).toEqual(LOCALES.map((l) => `${l}.json`).sort());
  }
});

describe.each(namespaces)("namespace %s", (namespace) => {
  const english = flatten(CATALOG[namespace].en as Tree);

  test("English has messages, each valid ICU", () => {
    expect(english.size).toBeGreaterThan(0);
    for (const [key, message] of english) expect(() => parse(message), key).not.toThrow();
  });

  test.each(LOCALES.filter((l) => l !== "en"))(
    "%s has exactly the English keys and no foreign placeholder",
    (locale) => {
      const messages = flatten(CATALOG[namespace][locale as Locale] as Tree);
      const missing = [...english.keys()].filter((k) => !messages.has(k));
      const extra = [...messages.keys()].filter((k) => !english.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      for (const [key, message] of messages) {
        expect(message.trim(), `${locale} ${namespace}.${key} is empty`).not.toBe("");
        const allowed = names(parse(english.get(key)!));
        const used = [...names(parse(message))].filter((n) => !allowed.has(n));
        expect(used, `${locale} ${namespace}.${key}`).toEqual([]);
      }
    },
  );
});

test("a key that does not exist falls back to English text, never to the key itself", () => {
  const t = translator("de", "common") as unknown as (key: string) => string;
  expect(t("languageMenu")).toBe("Sprache");
  expect(t("no.such.key")).toBe("");
});

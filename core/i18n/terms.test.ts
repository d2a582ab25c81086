// One word per thing within a language. Arabic tech writing (and the Arabic interfaces of Slack, Discord and
// Microsoft) keeps "Webhook" in Latin letters, with the article as "الـ Webhook"; the transliteration
// "ويب هوك" would make the webhook form and the chat form name the same thing two ways.
import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";

function strings(tree: unknown, out: string[] = []): string[] {
  if (typeof tree === "string") out.push(tree);
  else if (tree && typeof tree === "object") for (const v of Object.values(tree)) strings(v, out);
  return out;
}

describe("terms", () => {
  it("Arabic says Webhook in Latin letters in every namespace", () => {
    const arabic = Object.entries(CATALOG).flatMap(([ns, byLocale]) =>
      strings((byLocale as Record<string, unknown>).ar).map((s) => `${ns}: ${s}`),
    );
    expect(arabic.filter((s) => /Webhook/i.test(s)).length).toBeGreaterThan(10);
    expect(arabic.filter((s) => /ويب ?هوك/.test(s))).toEqual([]);
  });
});

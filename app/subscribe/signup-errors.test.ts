// The public webhook and chat sign-ups answer a bad URL in the language of the page they were posted from
// (the hidden `language` field of /de/subscribe), and store nothing. Nothing here resolves a name or opens a
// connection: the refused URLs are IP literals of private ranges or hosts of the wrong platform.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { subscribers } from "@/db/schema";
import { formOf, installTestDatabase, removeTestDatabase } from "@/services/testing/auth-harness";

const { subscribeWebhookAction } = await import("./webhook-actions");
const { subscribeChatAction } = await import("./chat-actions");

let db: Db;
beforeEach(() => {
  db = installTestDatabase().db;
});
afterEach(removeTestDatabase);

const webhook = (url: string, language: string) =>
  subscribeWebhookAction(null, formOf({ url, email: "", scope: "all", website: "", language }));
const chat = (platform: string, url: string, language: string) =>
  subscribeChatAction(null, formOf({ platform, url, email: "", scope: "all", website: "", language }));
const urlError = (state: unknown) => (state as { errors?: Record<string, string[]> }).errors?.url?.[0];

describe("public sign-up refusals in the visitor's language", () => {
  it("a webhook URL on a private address, in German from /de/subscribe", async () => {
    const state = await webhook("https://192.168.10.20/hook", "de");
    expect(state).toMatchObject({ status: "invalid", values: { url: "https://192.168.10.20/hook" } });
    expect(urlError(state)).toBe(
      "Diese URL verweist auf eine private, lokale oder reservierte Netzwerkadresse; Webhooks können nur an öffentliche Adressen gehen.",
    );
    expect(db.select().from(subscribers).all()).toHaveLength(0);
  });

  it("a webhook URL that is not http(s) and an email that is not one, in French and Arabic", async () => {
    expect(urlError(await webhook("ftp://192.0.2.1/x", "fr"))).toBe(
      "Seules les URL http:// et https:// peuvent recevoir des webhooks.",
    );
    const ar = await subscribeWebhookAction(
      null,
      formOf({ url: "https://192.0.2.1/x", email: "not-an-address", scope: "all", website: "", language: "ar" }),
    );
    expect((ar as { errors: Record<string, string[]> }).errors.email).toEqual([
      "أدخل عنوان بريد إلكتروني صالحًا، مثل name@example.com، أو اترك الحقل فارغًا.",
    ]);
  });

  it("a chat URL of another platform, in German; no platform at all, in Japanese", async () => {
    const wrong = await chat("slack", "https://discord.com/api/webhooks/1/x", "de");
    expect(urlError(wrong)).toBe(
      "Das ist eine Discord-URL: Wählen Sie oben Discord oder fügen Sie eine Slack-URL ein.",
    );
    const host = await chat("slack", "https://example.com/services/T/B/X", "de");
    expect(urlError(host)).toMatch(/^Das ist keine Slack-Webhook-URL\. Sie sieht so aus: https:\/\/hooks\.slack\.com/);
    const none = await chat("", "https://hooks.slack.com/services/T/B/X", "ja");
    expect((none as { errors: Record<string, string[]> }).errors.platform).toEqual([
      "投稿先を選んでください: Slack、Microsoft Teams、Discord、Google Chat。",
    ]);
    expect(db.select().from(subscribers).all()).toHaveLength(0);
  });

  it("without a language (or an unknown one) the answer is in the default language", async () => {
    expect(urlError(await webhook("https://10.1.2.3/hook", "xx"))).toMatch(/^This URL points to a private/);
  });
});

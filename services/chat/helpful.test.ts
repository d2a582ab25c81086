// "Was this helpful? Yes / No" in chat messages: each platform shows both links (signed like the email ones,
// so the vote page knows the channel), stays within its limits with the links added, and shows none for a
// message about no update. The token in the link is the one the vote code accepts.
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatPlatform } from "@/db/constants";
import { CHAT_PLATFORMS } from "@/db/constants";
import { subscribers } from "@/db/schema";
import { newId } from "@/core/ids";
import { ensureAppSecret } from "@/db/writes/page";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { voterKey } from "@/services/votes/vote";
import { chatHelpfulLinks } from "./helpful";
import type { ChatMessage } from "./message";
import { chatPayload, DISCORD_LIMITS, GOOGLE_CHAT_LIMITS, TEAMS_LIMITS } from "./platforms";

const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");
const base: ChatMessage = {
  pageName: "Example IT",
  label: "Investigating",
  title: "Webmail slow to load",
  tone: "major",
  body: "We are investigating slow logins.",
  services: [{ name: "Webmail", status: "Partial outage" }],
  when: "Posted 23 Nov 2026, 17:06 CET (Europe/Berlin)",
  url: "https://status.example.org/incidents/abc",
  linkBase: "https://status.example.org",
  updateId: "upd000000001",
};
const huge: ChatMessage = {
  ...base,
  body: Array.from({ length: 3000 }, (_, i) => `word **${i}** [x](https://e.com/${i})`).join(" "),
  services: Array.from({ length: 600 }, (_, i) => ({
    name: `Service ${i} ${"n".repeat(300)}`,
    status: "Major outage",
  })),
};
const helpful = {
  question: "Was this helpful?",
  yes: { label: "Yes", url: "https://status.example.org/helpful/upd000000001?voter=tok&v=yes" },
  no: { label: "No", url: "https://status.example.org/helpful/upd000000001?voter=tok&v=no" },
};
const links = { unsubscribe: "https://status.example.org/unsubscribe/tok", helpful };
const json = (v: unknown) => JSON.stringify(v);

describe.each(CHAT_PLATFORMS)("%s", (platform: ChatPlatform) => {
  it("asks whether the update helped, with a Yes and a No link", () => {
    const text = json(chatPayload(platform, base, links));
    expect(text).toContain("Was this helpful?");
    expect(text).toContain(helpful.yes.url);
    expect(text).toContain(helpful.no.url);
  });
  it("shows no vote links without them (a message about no update)", () => {
    const text = json(chatPayload(platform, base, { unsubscribe: links.unsubscribe }));
    expect(text).not.toContain("helpful");
  });
});

describe("limits with the vote links added", () => {
  it("Discord stays within 6,000 characters and a 4,096 description", () => {
    const embed = (chatPayload("discord", huge, links) as { embeds: { description: string }[] }).embeds[0];
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.description).toContain(helpful.no.url);
  });
  it("Teams stays within about 28 KB and remains a valid card", () => {
    const p = chatPayload("teams", huge, links) as { attachments: { content: object }[] };
    expect(Buffer.byteLength(json(p))).toBeLessThanOrEqual(TEAMS_LIMITS.bytes);
    const ctx = new AC.SerializationContext();
    const card = new AC.AdaptiveCard();
    card.parse(p.attachments[0].content, ctx);
    expect(ctx.eventCount + card.validateProperties().validationEvents.length).toBe(0);
  });
  it("Google Chat stays within 32,000 bytes", () => {
    expect(Buffer.byteLength(json(chatPayload("google_chat", huge, links)))).toBeLessThanOrEqual(
      GOOGLE_CHAT_LIMITS.bytes,
    );
  });
  it("Slack stays within 50 blocks", () => {
    const p = chatPayload("slack", huge, links) as { attachments: { blocks: unknown[] }[] };
    expect(p.attachments[0].blocks.length).toBeLessThanOrEqual(50);
    expect(json(p)).toContain(helpful.yes.url);
  });
});

describe("chatHelpfulLinks", () => {
  let world: World;
  afterEach(() => world?.db.$client.close());
  it("signs the channel's voter token so the vote page accepts it, in the asked language", () => {
    world = makeWorld();
    const id = newId();
    world.db
      .insert(subscribers)
      .values({
        id,
        pageId: world.pageId,
        kind: "chat",
        chatPlatform: "slack",
        state: "active",
        createdAt: 1,
        updatedAt: 1,
      })
      .run();
    const secret = ensureAppSecret(world.db, 1);
    const de = { locale: "de", defaultLocale: "en" } as const;
    const made = chatHelpfulLinks("https://status.example.org/", secret, { id, tokenVersion: 1 }, "upd000000001", de);
    expect(made).toMatchObject({ question: "War das hilfreich?", yes: { label: "Ja" }, no: { label: "Nein" } });
    // The vote page in the channel's language (German is not this page's default).
    expect(made!.yes.url).toMatch(/^https:\/\/status\.example\.org\/de\/helpful\/upd000000001\?voter=.+&v=yes$/);
    const token = new URL(made!.no.url).searchParams.get("voter")!;
    expect(voterKey(world.db, { subscriberToken: token })).toBe(`s:${id}`);
    expect(chatHelpfulLinks("https://status.example.org", secret, { id, tokenVersion: 1 }, null, de)).toBeUndefined();
  });
});

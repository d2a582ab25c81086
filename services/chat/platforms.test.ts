// Each platform's payload against its published limits and shape; Teams' card through the Adaptive Cards
// library's own parser and validator (stack.md: the package entry fails in Node, its dist build works).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "./message";
import { chatPayload, DISCORD_LIMITS, GOOGLE_CHAT_LIMITS, SLACK_LIMITS, TEAMS_LIMITS } from "./platforms";
import { MORE_TEXT } from "./shorten";

const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");

const base: ChatMessage = {
  pageName: "Example IT",
  label: "Investigating",
  title: "Webmail slow to load",
  tone: "major",
  body: "We are **investigating** slow logins. See [history](/history).",
  services: [
    { name: "Webmail", status: "Partial outage" },
    { name: "VPN", status: "Operational" },
  ],
  when: "Posted 23 Nov 2026, 17:06 CET (Europe/Berlin)",
  url: "https://status.example.org/incidents/abc",
  linkBase: "https://status.example.org",
};
const links = { unsubscribe: "https://status.example.org/unsubscribe/tok" };
/** An update far past every platform's limit, with Markdown all through it. */
const huge: ChatMessage = {
  ...base,
  title: "T".repeat(400),
  body: Array.from({ length: 3000 }, (_, i) => `word **${i}** [x](https://e.com/${i})`).join(" "),
  services: Array.from({ length: 600 }, (_, i) => ({
    name: `Service ${i} ${"n".repeat(300)}`,
    status: "Major outage",
  })),
};

const json = (v: unknown) => JSON.stringify(v);

describe("Slack Block Kit", () => {
  type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: unknown }[] };
  const blocksOf = (m: ChatMessage) => {
    const p = chatPayload("slack", m, links) as { text: string; attachments: { color: string; blocks: Block[] }[] };
    return { p, blocks: p.attachments[0].blocks };
  };

  it("says what happened, in colour, with the services, the time in the zone and both links", () => {
    const { p, blocks } = blocksOf(base);
    expect(p.text).toBe("[Investigating] Webmail slow to load");
    expect(p.attachments[0].color).toBe("#ea580c");
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: base.title, emoji: false } });
    const all = json(blocks);
    expect(all).toContain("We are *investigating* slow logins. See <https://status.example.org/history|history>.");
    expect(all).toContain("*Webmail*\\nPartial outage");
    expect(all).toContain("(Europe/Berlin)");
    expect(all).toContain(base.url);
    expect(all).toContain("<https://status.example.org/unsubscribe/tok|Unsubscribe>");
  });

  it("keeps an oversized update within 50 blocks, 3,000 per text, 150 per header, 10 fields of 2,000", () => {
    const { blocks } = blocksOf(huge);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of blocks) {
      if (b.type === "header") expect(b.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (b.fields) {
        expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
        for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      }
    }
    const section = blocks.find((b) => b.type === "section" && b.text)!;
    expect(section.text!.text).toContain(`<${base.url}|${MORE_TEXT}>`);
    expect(json(blocks)).toMatch(/and \d+ more/);
  });
});

describe("Discord embed", () => {
  type Embed = {
    title: string;
    url: string;
    description: string;
    color: number;
    fields: { name: string; value: string }[];
    footer: { text: string };
  };
  const embedOf = (m: ChatMessage) => {
    const p = chatPayload("discord", m, links) as { embeds: Embed[]; allowed_mentions: unknown };
    return { p, e: p.embeds[0] };
  };

  it("has the title, impact colour, Markdown, services as fields, the zone and both links; pings nobody", () => {
    const { p, e } = embedOf({ ...base, body: "@everyone **down**" });
    expect(p.allowed_mentions).toEqual({ parse: [] });
    expect(e.title).toBe("[Investigating] Webmail slow to load");
    expect(e.color).toBe(0xea580c);
    expect(e.description).toContain("@everyone **down**");
    expect(e.description).toContain("[Unsubscribe](https://status.example.org/unsubscribe/tok)");
    expect(e.fields[0]).toEqual({ name: "Webmail", value: "Partial outage", inline: true });
    expect(e.footer.text).toContain("(Europe/Berlin)");
  });

  it("keeps an oversized update within 6,000 characters, 4,096 description, 25 fields, 256 title", () => {
    const { e } = embedOf(huge);
    const total =
      e.title.length +
      e.description.length +
      e.footer.text.length +
      e.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    expect(e.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(e.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    expect(e.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    for (const f of e.fields) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect(e.description).toContain(`[${MORE_TEXT}](${base.url})`);
    expect(e.fields.at(-1)!.value).toMatch(/and \d+ more/);
  });
});

describe("Teams Adaptive Card in the workflow envelope", () => {
  type Envelope = { type: string; attachments: { contentType: string; contentUrl: null; content: object }[] };
  /** Every event the Adaptive Cards parser and validator report for the card. */
  function problems(card: object): string[] {
    const ctx = new AC.SerializationContext();
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card, ctx);
    const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message as string);
    const validation = parsed.validateProperties().validationEvents as { message: string }[];
    return [...events, ...validation.map((v) => v.message)];
  }

  it("is a valid 1.4 card with the title, style, services, zone and both links", () => {
    const p = chatPayload("teams", base, links) as Envelope;
    expect(p.type).toBe("message");
    expect(p.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = p.attachments[0].content;
    expect(problems(card)).toEqual([]);
    const text = json(card);
    expect(text).toContain('"style":"attention"');
    expect(text).toContain("[history](https://status.example.org/history)");
    expect(text).toContain('{"title":"Webmail","value":"Partial outage"}');
    expect(text).toContain("(Europe/Berlin)");
    expect(text).toContain('"url":"https://status.example.org/unsubscribe/tok"');
  });

  it("a parser check that finds mistakes: a wrong style is reported", () => {
    expect(
      problems({ type: "AdaptiveCard", version: "1.4", body: [{ type: "Container", style: "loud", items: [] }] }),
    ).toHaveLength(1);
  });

  it("keeps an oversized update within about 28 KB, still valid, shortened with a link", () => {
    const p = chatPayload("teams", huge, links) as Envelope;
    expect(Buffer.byteLength(json(p))).toBeLessThanOrEqual(TEAMS_LIMITS.bytes);
    expect(problems(p.attachments[0].content)).toEqual([]);
    expect(json(p)).toContain(`[${MORE_TEXT}](${base.url})`);
    expect(json(p)).toMatch(/and \d+ more/);
  });
});

describe("Google Chat cardsV2", () => {
  type Card = {
    cardsV2: { cardId: string; card: { header: { title: string }; sections: { widgets: object[] }[] } }[];
    text: string;
  };

  it("has a header, the coloured status, the HTML subset, services, zone and both links", () => {
    const p = chatPayload("google_chat", base, links) as Card;
    const card = p.cardsV2[0].card;
    expect(card.header.title).toBe(base.title);
    const text = json(card);
    expect(text).toContain('<font color=\\"#ea580c\\"><b>Investigating</b></font>');
    expect(text).toContain('<a href=\\"https://status.example.org/history\\">history</a>');
    expect(text).toContain('"topLabel":"Webmail","text":"Partial outage"');
    expect(text).toContain("(Europe/Berlin)");
    expect(text).toContain('"openLink":{"url":"https://status.example.org/unsubscribe/tok"}');
  });

  it("keeps an oversized update within 32,000 bytes, shortened with a link", () => {
    const p = chatPayload("google_chat", huge, links);
    expect(Buffer.byteLength(json(p))).toBeLessThanOrEqual(GOOGLE_CHAT_LIMITS.bytes);
    expect(json(p)).toContain(`<a href=\\"${base.url}\\">${MORE_TEXT}</a>`);
  });
});

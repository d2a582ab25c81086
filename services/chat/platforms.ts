// Each platform's native message, drawn from the neutral ChatMessage, inside the platform's documented limits.
// Every limit below names its source; whatever is too long is shortened with a link (shorten.ts), and lists
// that are too long end with "and N more", so a message is never refused for its size.
import type { ChatPlatform } from "@/db/constants";
import { TONE_COLOURS, type ChatMessage, type ChatTone } from "./message";
import { DISCORD, GOOGLE_CHAT, SLACK, TEAMS } from "./markup";
import type { ChatHelpfulLinks } from "./helpful";
import { clip, fitMarkup } from "./shorten";
import { words } from "@/services/notifications/words";

export interface ChatLinks {
  unsubscribe: string;
  /** "Was this helpful? Yes / No" (services/chat/helpful.ts); absent for a message about no update. */
  helpful?: ChatHelpfulLinks;
}

/** api.slack.com/reference/block-kit/blocks: 50 blocks a message; section text 3,000; header 150; 10 fields of 2,000. */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fields: 10, fieldText: 2000 };
/** discord.com/developers/docs/resources/message#embed-object-embed-limits. */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
};
/** Teams: a message (the card with its envelope) of about 28 KB (learn.microsoft.com, "Format cards in Teams"). */
export const TEAMS_LIMITS = { bytes: 28_000, facts: 30 };
/** developers.google.com/workspace/chat/create-messages: 32,000 bytes a message, text and cards included. */
export const GOOGLE_CHAT_LIMITS = { bytes: 32_000, services: 40 };

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
/** The fixed words of a message, in the channel's language (services/notifications/words.ts). */
function fixedWords(m: ChatMessage) {
  const t = words(m.locale ?? "en");
  return {
    view: t("email.view"),
    unsubscribe: t("chat.unsubscribe"),
    affected: t("email.affectedServices"),
    more: t("chat.more"),
    moreLine: (n: number) => t("chat.moreServices", { n }),
  };
}

function slack(m: ChatMessage, links: ChatLinks) {
  const w = fixedWords(m);
  const L = SLACK_LIMITS;
  // Header, context, body, actions, footer: what is left is for the services, 10 to a section, one for "more".
  const serviceSections = Math.min(Math.ceil(m.services.length / L.fields), L.blocks - 7);
  const shown = m.services.slice(0, Math.min(m.services.length, serviceSections * L.fields));
  const body = fitMarkup(m.body, SLACK, m.linkBase, m.url, (t) => t.length <= L.sectionText, w.more).markup;
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: clip(m.title, L.headerText), emoji: false } },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: clip(`*${SLACK.text(m.label)}* · ${SLACK.text(m.when)}`, L.sectionText) }],
    },
  ];
  if (body) blocks.push({ type: "section", text: { type: "mrkdwn", text: body } });
  for (let i = 0; i < shown.length; i += L.fields) {
    blocks.push({
      type: "section",
      fields: shown.slice(i, i + L.fields).map((s) => ({
        type: "mrkdwn",
        text: clip(`*${SLACK.text(s.name)}*\n${SLACK.text(s.status)}`, L.fieldText),
      })),
    });
  }
  if (shown.length < m.services.length)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: w.moreLine(m.services.length - shown.length) }],
    });
  blocks.push({
    type: "actions",
    elements: [{ type: "button", text: { type: "plain_text", text: w.view }, url: m.url }],
  });
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `${SLACK.text(m.pageName)} · ${SLACK.link(links.unsubscribe, w.unsubscribe)}` }],
  });
  const h = links.helpful;
  if (h)
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `${SLACK.text(h.question)} ${SLACK.link(h.yes.url, h.yes.label)} · ${SLACK.link(h.no.url, h.no.label)}`,
        },
      ],
    });
  return {
    // The notification text (and what clients without blocks show).
    text: clip(`[${m.label}] ${m.title}`, 300),
    attachments: [{ color: TONE_COLOURS[m.tone], blocks }],
  };
}

function discord(m: ChatMessage, links: ChatLinks) {
  const w = fixedWords(m);
  const L = DISCORD_LIMITS;
  const h = links.helpful;
  const links_ =
    `${DISCORD.link(m.url, w.view)} · ${DISCORD.link(links.unsubscribe, w.unsubscribe)}` +
    (h
      ? `\n${DISCORD.text(h.question)} ${DISCORD.link(h.yes.url, h.yes.label)} · ${DISCORD.link(h.no.url, h.no.label)}`
      : "");
  const title = clip(`[${m.label}] ${m.title}`, L.title);
  const footer = clip(`${m.pageName} · ${m.when}`, L.footer);
  // The 6,000 characters count title, description, field names and values, and the footer together. The
  // services take what is left after a fair share for the update; the rest are counted in one last field.
  let left = L.total - title.length - footer.length - links_.length - 2 - Math.min(1500, m.body.length);
  const fields: { name: string; value: string; inline: boolean }[] = [];
  for (const s of m.services) {
    const field = { name: clip(s.name, L.fieldName), value: clip(s.status, L.fieldValue), inline: true };
    const roomForMore = fields.length + 1 < m.services.length ? 40 : 0;
    if (fields.length >= L.fields - 1 || field.name.length + field.value.length + roomForMore > left) break;
    fields.push(field);
    left -= field.name.length + field.value.length;
  }
  if (fields.length < m.services.length)
    fields.push({ name: "…", value: w.moreLine(m.services.length - fields.length), inline: false });
  const fixed = title.length + footer.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const description = fitMarkup(
    m.body,
    DISCORD,
    m.linkBase,
    m.url,
    (t) => t.length + links_.length + 2 <= L.description && fixed + t.length + links_.length + 2 <= L.total,
    w.more,
  ).markup;
  return {
    // Nobody is pinged, whatever the update says (@everyone, <@id>).
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title,
        url: m.url,
        description: description ? `${description}\n\n${links_}` : links_,
        color: parseInt(TONE_COLOURS[m.tone].slice(1), 16),
        fields,
        footer: { text: footer },
      },
    ],
  };
}

const TEAMS_STYLE: Record<ChatTone, string> = {
  critical: "attention",
  major: "attention",
  minor: "warning",
  none: "emphasis",
  maintenance: "accent",
  resolved: "good",
};

function teamsCard(m: ChatMessage, links: ChatLinks, body: string) {
  const w = fixedWords(m);
  const facts = m.services.slice(0, TEAMS_LIMITS.facts).map((s) => ({ title: s.name, value: s.status }));
  if (facts.length < m.services.length) facts.push({ title: "…", value: w.moreLine(m.services.length - facts.length) });
  const items: unknown[] = [
    {
      type: "Container",
      style: TEAMS_STYLE[m.tone],
      bleed: true,
      items: [
        { type: "TextBlock", text: TEAMS.text(m.label), weight: "Bolder", size: "Small", wrap: true },
        { type: "TextBlock", text: TEAMS.text(m.title), weight: "Bolder", size: "Large", wrap: true },
      ],
    },
  ];
  if (body) items.push({ type: "TextBlock", text: body, wrap: true });
  if (facts.length) items.push({ type: "FactSet", facts });
  items.push({
    type: "TextBlock",
    text: TEAMS.text(`${m.when} · ${m.pageName}`),
    isSubtle: true,
    size: "Small",
    wrap: true,
  });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body: items,
          actions: [
            { type: "Action.OpenUrl", title: w.view, url: m.url },
            { type: "Action.OpenUrl", title: w.unsubscribe, url: links.unsubscribe },
            ...(links.helpful
              ? [links.helpful.yes, links.helpful.no].map((a) => ({
                  type: "Action.OpenUrl",
                  title: `${links.helpful!.question} ${a.label}`,
                  url: a.url,
                }))
              : []),
          ],
        },
      },
    ],
  };
}

function teams(m: ChatMessage, links: ChatLinks) {
  const body = fitMarkup(
    m.body,
    TEAMS,
    m.linkBase,
    m.url,
    (t) => bytes(teamsCard(m, links, t)) <= TEAMS_LIMITS.bytes,
    fixedWords(m).more,
  );
  return teamsCard(m, links, body.markup);
}

function googleCard(m: ChatMessage, links: ChatLinks, body: string) {
  const w = fixedWords(m);
  const shown = m.services.slice(0, GOOGLE_CHAT_LIMITS.services);
  const colour = TONE_COLOURS[m.tone];
  const sections: unknown[] = [
    {
      widgets: [
        { textParagraph: { text: `<font color="${colour}"><b>${GOOGLE_CHAT.text(m.label)}</b></font>` } },
        ...(body ? [{ textParagraph: { text: body } }] : []),
      ],
    },
  ];
  if (shown.length) {
    const widgets: unknown[] = shown.map((s) => ({
      decoratedText: { topLabel: GOOGLE_CHAT.text(s.name), text: GOOGLE_CHAT.text(s.status), wrapText: true },
    }));
    if (shown.length < m.services.length)
      widgets.push({ textParagraph: { text: w.moreLine(m.services.length - shown.length) } });
    sections.push({ header: w.affected, widgets });
  }
  sections.push({
    widgets: [
      { textParagraph: { text: GOOGLE_CHAT.text(m.when) } },
      {
        buttonList: {
          buttons: [
            { text: w.view, onClick: { openLink: { url: m.url } } },
            { text: w.unsubscribe, onClick: { openLink: { url: links.unsubscribe } } },
          ],
        },
      },
      ...(links.helpful
        ? [
            { textParagraph: { text: GOOGLE_CHAT.text(links.helpful.question) } },
            {
              buttonList: {
                buttons: [links.helpful.yes, links.helpful.no].map((a) => ({
                  text: a.label,
                  onClick: { openLink: { url: a.url } },
                })),
              },
            },
          ]
        : []),
    ],
  });
  return {
    // Shown in notifications and by clients without cards.
    text: clip(`[${m.label}] ${m.title}`, 300),
    cardsV2: [
      {
        cardId: "status-update",
        card: { header: { title: clip(m.title, 200), subtitle: clip(`${m.label} · ${m.pageName}`, 200) }, sections },
      },
    ],
  };
}

function googleChat(m: ChatMessage, links: ChatLinks) {
  const body = fitMarkup(
    m.body,
    GOOGLE_CHAT,
    m.linkBase,
    m.url,
    (t) => bytes(googleCard(m, links, t)) <= GOOGLE_CHAT_LIMITS.bytes,
    fixedWords(m).more,
  );
  return googleCard(m, links, body.markup);
}

const RENDERERS: Record<ChatPlatform, (m: ChatMessage, links: ChatLinks) => object> = {
  slack,
  teams,
  discord,
  google_chat: googleChat,
};

/** The JSON body to POST to a channel of this platform. */
export function chatPayload(platform: ChatPlatform, message: ChatMessage, links: ChatLinks): object {
  return RENDERERS[platform](message, links);
}

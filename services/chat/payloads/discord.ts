// Discord: one embed, within Discord's embed limits (6,000 characters in all).
import { TONE_COLOURS, type ChatMessage } from "../message";
import { DISCORD } from "../markup";
import { clip, fitMarkup } from "../shorten";
import { fixedWords, type ChatLinks } from "./common";

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

export function discord(m: ChatMessage, links: ChatLinks) {
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

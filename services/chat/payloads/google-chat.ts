// Google Chat: a cardsV2 card with a plain-text fallback, within Google Chat's message size.
import { TONE_COLOURS, type ChatMessage } from "../message";
import { GOOGLE_CHAT } from "../markup";
import { clip, fitMarkup } from "../shorten";
import { bytes, fixedWords, type ChatLinks } from "./common";

/** developers.google.com/workspace/chat/create-messages: 32,000 bytes a message, text and cards included. */
export const GOOGLE_CHAT_LIMITS = { bytes: 32_000, services: 40 };

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

export function googleChat(m: ChatMessage, links: ChatLinks) {
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

// Microsoft Teams workflows: an Adaptive Card in a message envelope, within the message size Teams accepts.
import type { ChatMessage, ChatTone } from "../message";
import { TEAMS } from "../markup";
import { fitMarkup } from "../shorten";
import { bytes, fixedWords, type ChatLinks } from "./common";

/** Teams: a message (the card with its envelope) of about 28 KB (learn.microsoft.com, "Format cards in Teams"). */
export const TEAMS_LIMITS = { bytes: 28_000, facts: 30 };

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

export function teams(m: ChatMessage, links: ChatLinks) {
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

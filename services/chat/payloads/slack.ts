// Slack: Block Kit in an attachment (for the impact colour), within Block Kit's limits.
import { TONE_COLOURS, type ChatMessage } from "../message";
import { SLACK } from "../markup";
import { clip, fitMarkup } from "../shorten";
import { fixedWords, type ChatLinks } from "./common";

/** api.slack.com/reference/block-kit/blocks: 50 blocks a message; section text 3,000; header 150; 10 fields of 2,000. */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fields: 10, fieldText: 2000 };

export function slack(m: ChatMessage, links: ChatLinks) {
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

// Admin Markdown in each chat platform's own markup. One walk over the tokens of the one Markdown parser and
// policy (services/markdown.ts: no raw HTML, safe links only), with one dialect per platform saying how bold,
// links, lists and so on are written there and how plain text is escaped. What a platform cannot show
// (headings in Slack, tables anywhere) becomes the nearest thing it can.
import { parseMarkdown, type MarkdownToken } from "@/services/markdown";

export interface Dialect {
  /** Plain text, escaped so it never reads as markup. */
  text(s: string): string;
  strong(inner: string): string;
  em(inner: string): string;
  strike(inner: string): string;
  code(s: string): string;
  link(href: string, inner: string): string;
  heading(inner: string): string;
  /** A list item's marker: "•" or "1.". */
  item(marker: string, inner: string, depth: number): string;
  quote(inner: string): string;
  codeBlock(s: string): string;
  lineBreak: string;
  /** Between blocks (paragraphs, lists, headings). */
  blockBreak: string;
  /** Between the items of a list. */
  itemBreak: string;
}

const escapeAmpAngle = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const backslash = (chars: RegExp) => (s: string) => s.replace(chars, "\\$&");

/** Slack mrkdwn (api.slack.com/reference/surfaces/formatting): only &, < and > need escaping. */
export const SLACK: Dialect = {
  text: escapeAmpAngle,
  strong: (s) => `*${s}*`,
  em: (s) => `_${s}_`,
  strike: (s) => `~${s}~`,
  code: (s) => `\`${escapeAmpAngle(s).replace(/`/g, "'")}\``,
  link: (href, inner) => `<${href.replace(/[|<>]/g, encodeURIComponent)}|${inner.replace(/[|]/g, "¦")}>`,
  heading: (s) => `*${s}*`,
  item: (marker, s, depth) => `${"    ".repeat(depth)}${marker} ${s}`,
  quote: (s) => s.replace(/^/gm, "> "),
  codeBlock: (s) => `\`\`\`${escapeAmpAngle(s)}\`\`\``,
  lineBreak: "\n",
  blockBreak: "\n\n",
  itemBreak: "\n",
};

/** Discord message Markdown (support.discord.com "Markdown Text 101"; masked links work in embeds). */
export const DISCORD: Dialect = {
  text: (s) => backslash(/[\\*_~`|\[\]]/g)(s).replace(/^([#>-])/gm, "\\$1"),
  strong: (s) => `**${s}**`,
  em: (s) => `*${s}*`,
  strike: (s) => `~~${s}~~`,
  code: (s) => `\`${s.replace(/`/g, "'")}\``,
  link: (href, inner) => `[${inner}](${href.replace(/[()\s]/g, encodeURIComponent)})`,
  heading: (s) => `**${s}**`,
  item: (marker, s, depth) => `${"  ".repeat(depth)}${marker === "•" ? "-" : marker} ${s}`,
  quote: (s) => s.replace(/^/gm, "> "),
  codeBlock: (s) => `\`\`\`\n${s.replace(/```/g, "'''")}\`\`\``,
  lineBreak: "\n",
  blockBreak: "\n\n",
  itemBreak: "\n",
};

/**
 * The Markdown subset Adaptive Cards render in a TextBlock (learn.microsoft.com "Text features": bold,
 * italic, bulleted and numbered lists, links). No code or headings: shown as bold or plain text.
 */
export const TEAMS: Dialect = {
  text: backslash(/[\\*_\[\]]/g),
  strong: (s) => `**${s}**`,
  em: (s) => `_${s}_`,
  strike: (s) => s,
  code: (s) => s,
  link: (href, inner) => `[${inner}](${href.replace(/[()\s]/g, encodeURIComponent)})`,
  heading: (s) => `**${s}**`,
  item: (marker, s, depth) => `${"  ".repeat(depth)}${marker === "•" ? "-" : marker} ${s}`,
  quote: (s) => s,
  codeBlock: (s) => s.replace(/\n$/, ""),
  lineBreak: "\n\n",
  blockBreak: "\n\n",
  itemBreak: "\n",
};

/**
 * Google Chat card text (developers.google.com/workspace/chat/format-messages#card-formatting): a small HTML
 * subset, <b> <i> <s> <a href> <br>. Everything else is escaped.
 */
export const GOOGLE_CHAT: Dialect = {
  text: escapeAmpAngle,
  strong: (s) => `<b>${s}</b>`,
  em: (s) => `<i>${s}</i>`,
  strike: (s) => `<s>${s}</s>`,
  code: (s) => `<font color="#475569">${escapeAmpAngle(s)}</font>`,
  link: (href, inner) => `<a href="${escapeAmpAngle(href).replace(/"/g, "&quot;")}">${inner}</a>`,
  heading: (s) => `<b>${s}</b>`,
  item: (marker, s, depth) => `${"&nbsp;&nbsp;".repeat(depth)}${marker} ${s}`,
  quote: (s) => `<i>${s}</i>`,
  codeBlock: (s) => escapeAmpAngle(s.replace(/\n$/, "")).replace(/\n/g, "<br>"),
  lineBreak: "<br>",
  blockBreak: "<br><br>",
  itemBreak: "<br>",
};

/** Plain words with no markup at all (SMS): emphasis dropped, a link becomes its text, blocks one space apart. */
export const PLAIN: Dialect = {
  text: (s) => s,
  strong: (s) => s,
  em: (s) => s,
  strike: (s) => s,
  code: (s) => s,
  link: (_href, inner) => inner,
  heading: (s) => s,
  item: (marker, s) => `${marker} ${s}`,
  quote: (s) => s,
  codeBlock: (s) => s,
  lineBreak: " ",
  blockBreak: " ",
  itemBreak: " ",
};

function inline(children: MarkdownToken[], d: Dialect): string {
  let out = "";
  for (let i = 0; i < children.length; i++) {
    const t = children[i];
    const close = (type: string) => {
      let depth = 1;
      let j = i + 1;
      for (; j < children.length; j++) {
        if (children[j].type === t.type) depth++;
        if (children[j].type === type && --depth === 0) break;
      }
      const inner = inline(children.slice(i + 1, j), d);
      i = j;
      return inner;
    };
    switch (t.type) {
      case "text":
        out += d.text(t.content);
        break;
      case "softbreak":
      case "hardbreak":
        out += d.lineBreak;
        break;
      case "code_inline":
        out += d.code(t.content);
        break;
      case "strong_open":
        out += d.strong(close("strong_close"));
        break;
      case "em_open":
        out += d.em(close("em_close"));
        break;
      case "s_open":
        out += d.strike(close("s_close"));
        break;
      case "link_open": {
        const href = String(t.attrGet("href") ?? "");
        const inner = close("link_close");
        // Only absolute links work from a chat message (the policy already dropped unsafe ones).
        out += /^(https?:|mailto:)/i.test(href) ? d.link(href, inner) : inner;
        break;
      }
      case "image": {
        // As on the page: a picture becomes a link to it, its description the text.
        const src = String(t.attrGet("src") ?? "");
        const alt = t.content || src;
        out += /^https?:/i.test(src) ? d.link(src, d.text(alt)) : d.text(alt);
        break;
      }
      default:
        out += d.text(t.content);
    }
  }
  return out;
}

/** Converts admin Markdown to a platform's markup. Same-site links ("/history") gain `linkBase`. */
export function toChatMarkup(source: string, d: Dialect, linkBase?: string): string {
  const tokens = parseMarkdown(source, { linkBase });
  const blocks: string[] = [];
  /** Which blocks are list items (kept together, one per line). */
  const items = new Set<number>();
  const lists: { ordered: boolean; n: number }[] = [];
  let quoteStart: number | null = null;
  let row: string[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case "inline": {
        const text = inline(t.children ?? [], d);
        if (row) row.push(text);
        else if (tokens[i - 1]?.type === "heading_open") blocks.push(d.heading(text));
        else if (lists.length > 0 && tokens[i - 2]?.type === "list_item_open") {
          const list = lists[lists.length - 1];
          items.add(blocks.length);
          blocks.push(d.item(list.ordered ? `${++list.n}.` : "•", text, lists.length - 1));
        } else blocks.push(text);
        break;
      }
      case "bullet_list_open":
      case "ordered_list_open":
        lists.push({ ordered: t.type === "ordered_list_open", n: Number(t.attrGet("start") ?? 1) - 1 });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "blockquote_open":
        quoteStart ??= blocks.length;
        break;
      case "blockquote_close":
        if (quoteStart !== null && t.level === 0) {
          const quoted = blocks.splice(quoteStart).join(d.lineBreak);
          blocks.push(d.quote(quoted));
          quoteStart = null;
        }
        break;
      case "fence":
      case "code_block":
        blocks.push(d.codeBlock(t.content));
        break;
      case "hr":
        blocks.push(d.text("———"));
        break;
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        blocks.push((row ?? []).join(d.text(" | ")));
        row = null;
        break;
    }
  }
  let out = "";
  blocks.forEach((b, i) => {
    if (i > 0) out += items.has(i) && items.has(i - 1) ? d.itemBreak : d.blockBreak;
    out += b;
  });
  return out.trim();
}

// The one Markdown renderer for what admins write (update bodies, postmortems): the public page, the console's
// preview and every email use it, so the preview shows exactly what visitors and subscribers get.
// Raw HTML is off, so tags in the source come out as text; links are limited to http(s), mailto and
// same-site paths; a picture never becomes an <img> (no tracking pixels, no data: URLs): it becomes a link
// to the picture with its description as the text. The output is safe to set as innerHTML.
import MarkdownIt from "markdown-it";

const SAFE_URL = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;

/** Links allowed in admin Markdown; everything else (javascript:, data:, vbscript:, //host) is dropped. */
export function isSafeLink(url: string): boolean {
  // Browsers ignore tabs, newlines and leading control characters in a URL: "java\tscript:" is javascript:.
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  return SAFE_URL.test(cleaned) && !/^(?:javascript|data|vbscript|file):/i.test(cleaned);
}

export interface MarkdownOptions {
  /**
   * Emails only: the page's address, so same-site links ("/history") still lead somewhere from a mailbox.
   * This is the one way an email's Markdown differs from the page's.
   */
  linkBase?: string;
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.validateLink = isSafeLink;
const { escapeHtml } = md.utils;
const EXTERNAL_REL = "nofollow noopener noreferrer";

function resolveHref(href: string, env: unknown): string {
  const base = (env as MarkdownOptions | undefined)?.linkBase?.replace(/\/+$/, "");
  return base && /^\/(?!\/)/.test(href) ? base + href : href;
}

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = resolveHref(String(token.attrGet("href") ?? ""), env);
  token.attrSet("href", href);
  if (/^https?:/i.test(href)) token.attrSet("rel", EXTERNAL_REL);
  return defaultLinkOpen(tokens, idx, options, env, self);
};

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  // Inside a link ([![badge](img)](url)) the surrounding link stays; the picture leaves only its description.
  const openLinks = tokens
    .slice(0, idx)
    .reduce((depth, t) => depth + (t.type === "link_open" ? 1 : t.type === "link_close" ? -1 : 0), 0);
  if (openLinks > 0) return escapeHtml(alt);
  const src = resolveHref(String(token.attrGet("src") ?? ""), env);
  const rel = /^https?:/i.test(src) ? ` rel="${EXTERNAL_REL}"` : "";
  return `<a href="${escapeHtml(src)}"${rel}>${escapeHtml(alt || src)}</a>`;
};

export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  return md.render(source, { ...options });
}

export type MarkdownToken = ReturnType<typeof md.parse>[number];

/**
 * The same parse, under the same policy (no raw HTML, only safe links, linkify, line breaks), as tokens: for
 * outputs that are not HTML (chat markups, services/chat/markup.ts). Links are resolved against `linkBase`.
 */
export function parseMarkdown(source: string, options: MarkdownOptions = {}): MarkdownToken[] {
  const tokens = md.parse(source, { ...options });
  for (const token of tokens)
    for (const child of token.children ?? [])
      for (const attr of ["href", "src"]) {
        const value = child.attrGet(attr);
        if (value !== null) child.attrSet(attr, resolveHref(String(value), options));
      }
  return tokens;
}

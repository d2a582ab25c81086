// Markdown written by admins (update bodies, postmortems), rendered for the public page. Raw HTML is off, so
// tags in the source come out as text; links are limited to http(s), mailto and same-site paths; images are
// off (no tracking pixels or data: URLs). The output is safe to set as innerHTML.
import MarkdownIt from "markdown-it";

const SAFE_URL = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;

/** Links allowed in admin Markdown; everything else (javascript:, data:, vbscript:, //host) is dropped. */
export function isSafeLink(url: string): boolean {
  // Browsers ignore tabs, newlines and leading control characters in a URL: "java\tscript:" is javascript:.
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  return SAFE_URL.test(cleaned) && !/^(?:javascript|data|vbscript|file):/i.test(cleaned);
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.disable(["image"]);
md.validateLink = isSafeLink;

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (/^https?:/i.test(String(token.attrGet("href") ?? ""))) token.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}

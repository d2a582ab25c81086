// Update bodies are Markdown written by admins; in email they become HTML with raw HTML disabled
// (markdown-it escapes it) and only http(s)/mailto links.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
md.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());

export function markdownToSafeHtml(source: string): string {
  return md.render(source);
}

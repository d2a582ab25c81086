// The public pages are server-rendered HTML with one small script of our own (public/page.js). Next's
// framework scripts and the inline RSC payload (which repeats the whole page as data) are removed from
// them before caching: they would only hydrate components that have nothing to hydrate, and they are most
// of the bytes. A script marked data-keep survives. React escapes all content, so "<script" in the HTML
// is always a real tag, never text from the database.
const FRAMEWORK_SCRIPT = /<script\b(?![^>]*\bdata-keep)[^>]*>[\s\S]*?<\/script>/gi;
const SCRIPT_PRELOAD = /<link\b[^>]*\bas="script"[^>]*>/gi;

export function stripFrameworkScripts(html: string): string {
  return html.replace(FRAMEWORK_SCRIPT, "").replace(SCRIPT_PRELOAD, "");
}

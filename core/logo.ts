// What an uploaded logo may be: PNG, JPEG or SVG, at most LOGO_MAX_BYTES, recognised by its bytes (not by
// the name or the browser's claimed type). SVGs that could run script or load anything are refused rather
// than cleaned: a logo has no need for them, and a refusal is easy to explain.
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/svg+xml"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

export type LogoCheck = { ok: true; contentType: LogoType } | { ok: false; message: string };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// Anything that runs, loads or defines: scripts, event handlers, javascript: URLs, embedded documents,
// external references (href/src other than "#fragment"), CSS imports and urls, DTDs and entities.
const SVG_DANGERS: [RegExp, string][] = [
  [/<\s*script/i, "a script"],
  [/\son[a-z]+\s*=/i, "an event handler (on… attribute)"],
  [/javascript\s*:/i, "a javascript: link"],
  [/<\s*(foreignObject|iframe|embed|object|audio|video|image)\b/i, "embedded content"],
  [/<!\s*(DOCTYPE|ENTITY)/i, "a DOCTYPE or entity"],
  [/\b(?:xlink:)?(?:href|src)\s*=\s*(?:"(?!#)|'(?!#)|(?!["'#]))/i, "a link to another file"],
  [/@import|url\s*\(\s*(?:"(?!#)|'(?!#)|(?!["'#]))/i, "a CSS import or url()"],
];

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  if (bytes.length > LOGO_MAX_BYTES) {
    return {
      ok: false,
      message: `The logo is ${Math.ceil(bytes.length / 1024)} KB; the limit is ${LOGO_MAX_BYTES / 1024} KB.`,
    };
  }
  if (PNG.every((b, i) => bytes[i] === b)) return { ok: true, contentType: "image/png" };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ok: true, contentType: "image/jpeg" };
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes).replace(/^\uFEFF/, "");
  if (/^\s*</.test(text) && /<svg[\s>]/i.test(text)) {
    for (const [pattern, what] of SVG_DANGERS) {
      if (pattern.test(text))
        return {
          ok: false,
          message: `This SVG contains ${what}, which a logo may not have. Export it as a plain SVG or PNG.`,
        };
    }
    const start = text.replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, "");
    if (/^<svg[\s>]/i.test(start)) return { ok: true, contentType: "image/svg+xml" };
  }
  return { ok: false, message: "Upload a PNG, JPEG or SVG image." };
}

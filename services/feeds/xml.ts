// Escaping for XML 1.0 (feeds, the badge) and HTML. Input is validated to exclude control characters
// (core/text-input.ts), but rows written before that rule, or by other tools, must still give a document every
// reader can parse: a single character XML 1.0 cannot carry makes the whole feed invalid.
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Everything outside XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]): C0 controls but tab/LF/CR, U+FFFE/U+FFFF and lone surrogates. DEL is legal XML but
 * never meant, so it goes too.
 */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces what XML 1.0 cannot carry with U+FFFD, so a reader sees that something was there. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, "\ufffd");
}

/** Escapes text for XML and HTML content and attributes. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

// How many SMS segments a text takes (3GPP TS 23.038 and 23.040), so messages stay within one or two.
// GSM-7 text: 160 septets in one segment, 153 per segment once concatenated (the rest is the UDH); the
// extension table's characters take two septets, and that escape pair is never split. Any character outside
// the GSM-7 tables makes the whole message UCS-2: 70 UTF-16 units in one segment, 67 per segment after that,
// and a surrogate pair (an emoji) is never split either.

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "\f^{}\\[~]|€";
const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";
export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  "GSM-7": { single: 160, part: 153 },
  "UCS-2": { single: 70, part: 67 },
};

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

/** The units each character takes, one entry per code point. */
function unitsPerCharacter(text: string, encoding: SmsEncoding): number[] {
  return Array.from(text, (ch) => (encoding === "GSM-7" ? (EXTENSION.has(ch) ? 2 : 1) : ch.length));
}

export function smsSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsm7(text) ? "GSM-7" : "UCS-2";
  const each = unitsPerCharacter(text, encoding);
  const units = each.reduce((a, b) => a + b, 0);
  const { single, part } = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const u of each) {
    if (used + u > part) {
      segments++;
      used = 0;
    }
    used += u;
  }
  return { encoding, units, segments };
}

/**
 * `text` followed by `suffix` (a link, kept whole) in at most `maxSegments` segments: the text is cut, at a
 * word where it can be, and marked with an ellipsis in the message's own encoding.
 */
export function fitToSegments(text: string, suffix: string, maxSegments: number): string {
  if (smsSegments(text + suffix).segments <= maxSegments) return text + suffix;
  const ellipsis = isGsm7(text + suffix) ? "..." : "…";
  const chars = Array.from(text);
  const fits = (n: number) =>
    smsSegments(chars.slice(0, n).join("").trimEnd() + ellipsis + suffix).segments <= maxSegments;
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  let cut = chars.slice(0, lo).join("");
  const space = cut.lastIndexOf(" ");
  if (space > cut.length * 0.8) cut = cut.slice(0, space);
  return cut.trimEnd() + ellipsis + suffix;
}

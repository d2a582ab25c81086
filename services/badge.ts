// Shields-style status badges (/badge.svg): a grey label and a coloured message, with a <title> so screen
// readers and tooltips get the text.
import type { ComponentStatus, Indicator } from "@/db/constants";
import { escapeXml } from "./feeds/xml";
import { indicatorFromComponents } from "@/core/status";

const INDICATOR_COLOR: Record<Indicator, string> = {
  none: "#2e7d32",
  minor: "#b7791f",
  major: "#dd6b20",
  critical: "#c53030",
  maintenance: "#2b6cb0",
};

/** A service's badge has the colour the page would have if it were the only service (one rule: the spec's table). */
export function componentBadgeColor(status: ComponentStatus): string {
  return INDICATOR_COLOR[indicatorFromComponents([status]).indicator];
}

export function indicatorBadgeColor(indicator: Indicator): string {
  return INDICATOR_COLOR[indicator];
}

/** Approximate Verdana 11px advance widths, as shields.io sizes its badges. */
function textWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    if ("il.,:;|!'’ ".includes(c)) width += 3.6;
    else if ("fjrtI()[]-".includes(c)) width += 4.6;
    else if ("mwMW".includes(c)) width += 10.5;
    else if (c >= "A" && c <= "Z") width += 7.6;
    else width += 6.6;
  }
  return Math.ceil(width);
}

export function badgeSvg(label: string, message: string, color: string): string {
  const lw = textWidth(label) + 12;
  const mw = textWidth(message) + 12;
  const w = lw + mw;
  const title = escapeXml(`${label}: ${message}`);
  const l = escapeXml(label);
  const m = escapeXml(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}"><title>${title}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${l}</text><text x="${lw / 2}" y="14">${l}</text><text x="${lw + mw / 2}" y="15" fill="#010101" fill-opacity=".3">${m}</text><text x="${lw + mw / 2}" y="14">${m}</text></g></svg>`;
}

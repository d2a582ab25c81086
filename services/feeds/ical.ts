// iCalendar (RFC 5545) for scheduled maintenance: one VEVENT per maintenance with a stable UID, SEQUENCE
// raised on every reschedule, STATUS:CANCELLED when cancelled, and the window in UTC.
import type { IncidentBundle } from "@/db/queries/public-api";
import type { ApiContext } from "@/services/api/statuspage";
import { ENGLISH_PAGE, localizePath, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

/** 20260611T090000Z */
function utc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** What TEXT may not contain (RFC 5545 3.3.11: CONTROL is %x00-08 / %x0A-1F / %x7F; tab is allowed), after
 *  line breaks became `\n`, plus U+FFFE/U+FFFF and lone surrogates, which are not characters. */
const NOT_TEXT =
  /[\u0000-\u0008\u000a-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** TEXT escaping (RFC 5545 3.3.11): backslash, `;` and `,` escaped, every line break (CRLF, CR, LF) as `\n`,
 *  and no control character left raw (a raw CR or LF would end the content line). */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(NOT_TEXT, "\ufffd");
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

function vevent(ctx: ApiContext, bundle: IncidentBundle, lang: PageLanguage): string[] {
  const { incident } = bundle;
  const t = translator(lang.locale, "feed");
  const host = new URL(ctx.baseUrl).hostname;
  const link = `${ctx.baseUrl}${localizePath(`/incidents/${incident.id}`, lang.locale, lang.defaultLocale)}`;
  const services = bundle.components.map((c) => c.name).join(", ");
  const latest = bundle.updates[0]?.body ?? "";
  const description = [services ? t("affectedServices", { services }) : null, latest || null, link]
    .filter(Boolean)
    .join("\n\n");
  return [
    "BEGIN:VEVENT",
    `UID:${incident.id}@${host}`,
    // The event's last change, not the time of rendering: the same content gives the same bytes, so the
    // page cache, CDNs and the static copy (which re-uploads changed bytes only) keep it (RFC 5545 3.8.7.2).
    `DTSTAMP:${utc(incident.updatedAt)}`,
    `CREATED:${utc(incident.createdAt)}`,
    `LAST-MODIFIED:${utc(incident.updatedAt)}`,
    `DTSTART:${utc(incident.scheduledFor ?? incident.startedAt)}`,
    `DTEND:${utc(incident.scheduledUntil ?? incident.scheduledFor ?? incident.startedAt)}`,
    `SEQUENCE:${incident.sequence}`,
    `STATUS:${incident.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    `SUMMARY:${escapeText(incident.status === "cancelled" ? t("cancelled", { name: incident.name }) : incident.name)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${link}`,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
  ];
}

/** In the language of its URL (`/de/maintenances.ics`); the UIDs are the same in every language. */
export function maintenanceCalendar(
  ctx: ApiContext,
  bundles: IncidentBundle[],
  lang: PageLanguage = ENGLISH_PAGE,
): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//${new URL(ctx.baseUrl).hostname}//Status Page//EN`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(translator(lang.locale, "feed")("calendarName", { page: ctx.page.name }))}`,
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    ...bundles.flatMap((b) => vevent(ctx, b, lang)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

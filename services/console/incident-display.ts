// Small display helpers shared by the console's incident and maintenance pages.
import { getServiceTree } from "@/db/queries/services";
import type { Tx } from "@/db";
import type { PickerGroup } from "@/core/service-picker";

/** Services grouped as on the public page, for the status pickers. */
export function pickerGroups(tx: Tx, pageId: string): PickerGroup[] {
  return getServiceTree(tx, pageId).map((row) =>
    row.type === "group"
      ? { name: row.group.name, services: row.components.map((c) => ({ id: c.id, name: c.name, status: c.status })) }
      : { name: null, services: [{ id: row.component.id, name: row.component.name, status: row.component.status }] },
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const formats = new Map<string, { at: Intl.DateTimeFormat; zoneUS: Intl.DateTimeFormat }>();

/**
 * The console's one way to show a moment: "1 Dec 2026, 14:05 CET" in the page's zone, always naming the zone.
 * No hyphens (a phone never breaks a date at one) and the same shape on every screen. The zone is the
 * abbreviation people know: British English names European zones (CET, BST), American English the American
 * ones (EST, PDT); otherwise the offset ("GMT+5:30").
 */
export function formatInZone(at: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    const zoneName = { timeZone, timeZoneName: "short" } as const;
    f = {
      at: new Intl.DateTimeFormat("en-GB", {
        ...zoneName,
        day: "numeric",
        month: "numeric",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
      zoneUS: new Intl.DateTimeFormat("en-US", zoneName),
    };
    formats.set(timeZone, f);
  }
  const parts = f.at.formatToParts(at);
  const zone = parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const usZone = f.zoneUS.formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  // A minus sign, not a hyphen, in "GMT−3": lines may break at a hyphen.
  const name = (zone.startsWith("GMT") && usZone && !usZone.startsWith("GMT") ? usZone : zone).replace("-", "\u2212");
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  // Month names from a fixed list: ICU's British short names vary in length ("Sept").
  return `${Number(part("day"))} ${MONTHS[Number(part("month")) - 1]} ${part("year")}, ${part("hour")}:${part("minute")} ${name}`;
}

/** The value of a datetime-local input (to the second) showing `at` in the page's zone. */
export function toLocalDateTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  })
    .format(at)
    .replace(" ", "T");
}

// Small display helpers shared by the console's incident and maintenance pages.
import { getServiceTree } from "@/db/queries/services";
import type { Tx } from "@/db";
import type { PickerGroup } from "@/components/admin/service-status-picker";

/** Services grouped as on the public page, for the status pickers. */
export function pickerGroups(tx: Tx, pageId: string): PickerGroup[] {
  return getServiceTree(tx, pageId).map((row) =>
    row.type === "group"
      ? { name: row.group.name, services: row.components.map((c) => ({ id: c.id, name: c.name, status: c.status })) }
      : { name: null, services: [{ id: row.component.id, name: row.component.name, status: row.component.status }] },
  );
}

/** "2026-11-23 16:58" in the page's zone. */
export function formatInZone(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

/** The value of a datetime-local input (to the second) showing `at` in the page's zone. */
export function toLocalDateTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
    .format(at)
    .replace(" ", "T");
}

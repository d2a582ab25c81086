// Reports are personal data: an address is kept only until the thank-you is handed to the mail service,
// or REPORT_LIMITS.addressDays after the report, then removed. The text stays for the statistics.
// The job runner calls this every few seconds; it works in batches so one run never holds the database.
import type { Db } from "@/db";
import { REPORT_LIMITS } from "@/db/constants";
import { reportsWithAddressToRemove } from "@/db/queries/visitor-reports";
import { removeReportAddresses } from "@/db/writes/visitor-reports";
import { DAY } from "@/core/time";

const BATCH = 500;
const MAX_BATCHES = 20;

export function runReportAddressRetention(db: Db, now = Date.now()): number {
  const before = now - REPORT_LIMITS.addressDays * DAY;
  let removed = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = db.transaction((tx) => removeReportAddresses(tx, reportsWithAddressToRemove(tx, before, BATCH), now));
    removed += n;
    if (n < BATCH) break;
  }
  return removed;
}

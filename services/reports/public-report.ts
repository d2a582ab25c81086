// The public /report: the service report for the public audience (core/audience.ts decides what that is),
// only when the admin turned it on. Anonymous, so bounded: a built report is kept for a minute per period
// (one build serves everyone), and one address may cause at most PUBLIC_REPORT_LIMITS.buildsPerTenMinutes
// builds (asking for many periods in a row); past that it gets "too many requests" until the window passes.
import { createHash } from "node:crypto";
import type { Db } from "@/db";
import { readPublicContentVersion } from "@/db/change-watcher";
import { pageAccessFor } from "@/db/queries/audience";
import { getPageRow } from "@/db/queries/subscribers";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { currentMonth, periodProblemKind } from "@/core/report-period";
import { MINUTE } from "@/core/time";
import { serviceReportFor, type ServiceReport } from "./service-report";

export const PUBLIC_REPORT_LIMITS = { buildsPerTenMinutes: 30, keepMs: MINUTE, keptPeriods: 64 };

/** The report, or why not; problemKind names the translated message ("period.<kind>" in the report namespace). */
type Answer = ReturnType<typeof serviceReportFor> & { problemKind: "future" | "beforePage" | "invalid" | null };
export type PublicReport =
  | { state: "off" }
  | { state: "limited" }
  | ({ state: "ready"; page: NonNullable<ReturnType<typeof getPageRow>> } & Answer);

const kept = new Map<string, { at: number; answer: Answer }>();

/** Forget the kept reports (tests, and after the admin changes what the report may show). */
export function forgetPublicReports(): void {
  kept.clear();
}

export function publicServiceReport(
  db: Db,
  requested: string | undefined,
  clientAddress: string,
  now = Date.now(),
): PublicReport {
  const page = getPageRow(db);
  if (!page || !page.publicReport || pageAccessFor(db, page.id, "public") === "refused") return { state: "off" };
  // The public content version is in the key: a service made internal (or any public change) is never shown
  // from a report built before it.
  const version = readPublicContentVersion(db);
  const key = `${page.id}:${version}:${requested ?? ""}:${currentMonth(now, page.timeZone)}`;
  const hit = kept.get(key);
  if (hit && now - hit.at < PUBLIC_REPORT_LIMITS.keepMs) return { state: "ready", page, ...hit.answer };
  const address = createHash("sha256").update(clientAddress).digest("hex").slice(0, 32);
  const allowed = db.transaction((tx) =>
    consumeRateLimit(tx, `report-page:${address}`, PUBLIC_REPORT_LIMITS.buildsPerTenMinutes, 10 * MINUTE, now),
  );
  if (!allowed) return { state: "limited" };
  const built = serviceReportFor(db, page, requested, now, "public");
  const problemKind: Answer["problemKind"] = built.period
    ? periodProblemKind(built.period, now, page.createdAt)
    : "invalid";
  const answer = { ...built, problemKind };
  if (kept.size >= PUBLIC_REPORT_LIMITS.keptPeriods) kept.delete(kept.keys().next().value!);
  kept.set(key, { at: now, answer });
  return { state: "ready", page, ...answer };
}

export type { ServiceReport };

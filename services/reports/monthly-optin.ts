// A subscriber chooses the monthly "this month in IT" email on their manage page, authenticated by the signed
// manage token of their link (checked again on every call). Only a live page subscription by email can.
import type { Db } from "@/db";
import { setSubscriberMonthlyReport } from "@/db/writes/service-report";
import { subscriberForToken } from "@/services/subscriptions/access";

export function setMonthlyReportByManageToken(db: Db, token: string, on: boolean, now = Date.now()): { ok: boolean } {
  const s = subscriberForToken(db, "manage", token, now);
  if (!s || s.state !== "active" || s.followIncidentId !== null) return { ok: false };
  db.transaction((tx) => setSubscriberMonthlyReport(tx, s.id, on, now));
  return { ok: true };
}

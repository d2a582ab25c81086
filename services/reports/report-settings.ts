// The service report's switches: an admin makes /report public (or not); each member turns the monthly
// "this month in IT" email on or off for themself. Each checks the actor again and writes its audit entry.
import type { Db } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { setMemberMonthlyReport, setPublicReport } from "@/db/writes/service-report";
import { assertCan, type Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { audit } from "@/services/console/audit";

export function setReportPublic(db: Db, actor: Actor, on: boolean, now = Date.now()): void {
  assertCan(actor, "settings.write");
  db.transaction((tx) => {
    const page = getPageRow(tx);
    if (!page) throw new DomainError("not_found", "There is no page yet");
    setPublicReport(tx, page.id, on, now);
    audit(tx, actor, now, "report.public", { type: "page", id: page.id }, { on });
  });
}

export function setOwnMonthlyReportEmail(db: Db, actor: Actor, on: boolean, now = Date.now()): void {
  if (actor.type !== "user") throw new DomainError("forbidden", "Only members receive the monthly email");
  db.transaction((tx) => setMemberMonthlyReport(tx, actor.userId, on, now));
}

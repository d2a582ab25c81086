// The service report's settings: whether /report is public, and who gets the monthly email.
import { eq } from "drizzle-orm";
import type { Tx } from "../index";
import { appState, pages, subscribers, users } from "../schema";

export function setPublicReport(tx: Tx, pageId: string, on: boolean, at: number): void {
  tx.update(pages).set({ publicReport: on, updatedAt: at }).where(eq(pages.id, pageId)).run();
}

export function setMemberMonthlyReport(tx: Tx, userId: string, on: boolean, at: number): void {
  tx.update(users).set({ monthlyReportEmail: on, updatedAt: at }).where(eq(users.id, userId)).run();
}

export function setSubscriberMonthlyReport(tx: Tx, subscriberId: string, on: boolean, at: number): void {
  tx.update(subscribers).set({ monthlyReport: on, updatedAt: at }).where(eq(subscribers.id, subscriberId)).run();
}

/** Marks a month's email as queued; false when it already was (the once-per-month guard). */
export function markMonthlyReportQueued(tx: Tx, month: string, at: number): boolean {
  const r = tx
    .insert(appState)
    .values({ key: `monthly_report:${month}`, value: String(at), updatedAt: at })
    .onConflictDoNothing()
    .run();
  return r.changes === 1;
}

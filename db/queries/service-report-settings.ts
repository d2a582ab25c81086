// Who asked for the service report's monthly email, and whether it was queued for a month already.
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../index";
import { appState, subscribers, users } from "../schema";

export function wantsMonthlyReport(tx: Tx, userId: string): boolean {
  return tx.select({ on: users.monthlyReportEmail }).from(users).where(eq(users.id, userId)).get()?.on ?? false;
}

/** Team members who opted in, by address. */
export function monthlyReportAddresses(tx: Tx): string[] {
  return tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.monthlyReportEmail, true))
    .all()
    .map((u) => u.email);
}

/** Active email subscribers of the page (not one-incident follows) who chose the monthly email. */
export function monthlyReportSubscriberIds(tx: Tx, pageId: string): string[] {
  return tx
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "email"),
        eq(subscribers.state, "active"),
        eq(subscribers.monthlyReport, true),
        isNull(subscribers.followIncidentId),
        isNull(subscribers.pausedAt),
      ),
    )
    .all()
    .map((s) => s.id);
}

export const monthlyReportMarker = (month: string) => `monthly_report:${month}`;

export function monthlyReportQueued(tx: Tx, month: string): boolean {
  return (
    tx
      .select({ key: appState.key })
      .from(appState)
      .where(eq(appState.key, monthlyReportMarker(month)))
      .get() !== undefined
  );
}

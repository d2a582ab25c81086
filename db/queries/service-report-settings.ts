import { eq } from "drizzle-orm";
import type { Tx } from "../index";
import { users } from "../schema";

export function wantsMonthlyReport(tx: Tx, userId: string): boolean {
  return tx.select({ on: users.monthlyReportEmail }).from(users).where(eq(users.id, userId)).get()?.on ?? false;
}

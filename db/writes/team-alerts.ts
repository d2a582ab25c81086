// The per-member opt-in to team alerts (an email the moment a monitor goes down).
import { eq } from "drizzle-orm";
import type { Tx } from "../index";
import { users } from "../schema";

export function setMonitorAlertOptIn(tx: Tx, userId: string, on: boolean, at: number): void {
  tx.update(users).set({ notifyOnMonitorDown: on, updatedAt: at }).where(eq(users.id, userId)).run();
}

export function optedInAddresses(tx: Tx): string[] {
  return tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.notifyOnMonitorDown, true))
    .orderBy(users.email)
    .all()
    .map((u) => u.email);
}

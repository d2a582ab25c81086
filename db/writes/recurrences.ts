import { and, eq, isNull, or } from "drizzle-orm";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { maintenanceRecurrences } from "../schema";

export interface NewRecurrence {
  pageId: string;
  name: string;
  body: string;
  rule: string;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  componentIds: string[];
  remindBeforeMinutes: number | null;
  autoStart: boolean;
  autoComplete: boolean;
  at: number;
}

export function insertRecurrence(tx: Tx, input: NewRecurrence): string {
  const id = newId();
  const { at, ...rest } = input;
  tx.insert(maintenanceRecurrences)
    .values({ id, ...rest, generatedUntil: null, active: true, createdAt: at, updatedAt: at })
    .run();
  return id;
}

export function activeRecurrences(tx: Tx) {
  return tx.select().from(maintenanceRecurrences).where(eq(maintenanceRecurrences.active, true)).all();
}

/** Advances generatedUntil if nobody else did since `seen`: the claim that makes generation happen once. */
export function claimGeneration(tx: Tx, id: string, seen: number | null, until: number, at: number): boolean {
  const result = tx
    .update(maintenanceRecurrences)
    .set({ generatedUntil: until, updatedAt: at })
    .where(
      and(
        eq(maintenanceRecurrences.id, id),
        eq(maintenanceRecurrences.active, true),
        seen === null
          ? isNull(maintenanceRecurrences.generatedUntil)
          : or(eq(maintenanceRecurrences.generatedUntil, seen)),
      ),
    )
    .run();
  return result.changes === 1;
}

export function deactivateRecurrence(tx: Tx, id: string, at: number): boolean {
  return (
    tx
      .update(maintenanceRecurrences)
      .set({ active: false, updatedAt: at })
      .where(eq(maintenanceRecurrences.id, id))
      .run().changes === 1
  );
}

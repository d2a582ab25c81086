import { eq } from "drizzle-orm";
import { newId, newToken } from "@/core/ids";
import type { Tx } from "../index";
import { appState, pages } from "../schema";

/** Creates the page on a fresh database. Returns whether it was created (the database was fresh). */
export function ensurePage(tx: Tx, input: { name: string; timeZone: string; at: number }): boolean {
  if (tx.select({ id: pages.id }).from(pages).limit(1).get()) return false;
  tx.insert(pages)
    .values({ id: newId(), name: input.name, timeZone: input.timeZone, createdAt: input.at, updatedAt: input.at })
    .run();
  return true;
}

/** A per-installation secret for signing links; made once and kept in the database. */
export function ensureAppSecret(tx: Tx, at: number): string {
  const existing = tx.select().from(appState).where(eq(appState.key, "signing_secret")).get();
  if (existing) return existing.value;
  const value = newToken(32);
  tx.insert(appState).values({ key: "signing_secret", value, updatedAt: at }).onConflictDoNothing().run();
  return tx.select().from(appState).where(eq(appState.key, "signing_secret")).get()!.value;
}

export function readAppState(tx: Tx, key: string): string | null {
  return tx.select().from(appState).where(eq(appState.key, key)).get()?.value ?? null;
}

export function writeAppState(tx: Tx, key: string, value: string, at: number): void {
  tx.insert(appState)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: appState.key, set: { value, updatedAt: at } })
    .run();
}

// Page settings and the logo. Both change what visitors see; the public content version triggers tell the
// page cache.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { assets, pages, type Page } from "../schema";

/**
 * The page's settings form, its validation (services/console/settings.ts) and this write all use this one type,
 * taken from the table so it cannot drift. `staleIncidentMinutes`: an open incident without an update for
 * this long is flagged in the console.
 */
export type PageSettingsFields = Pick<
  Page,
  | "name"
  | "url"
  | "timeZone"
  | "accentColor"
  | "supportUrl"
  | "footerText"
  | "aboutText"
  | "staleIncidentMinutes"
  | "defaultLocale"
>;

export function updatePageSettings(tx: Tx, pageId: string, fields: PageSettingsFields, at: number): void {
  tx.update(pages)
    .set({ ...fields, updatedAt: at })
    .where(eq(pages.id, pageId))
    .run();
}

export function setRequireTwoFactor(tx: Tx, pageId: string, required: boolean, at: number): void {
  tx.update(pages).set({ requireTwoFactor: required, updatedAt: at }).where(eq(pages.id, pageId)).run();
}

/** Stores a new logo and points the page at it; the previous logo's bytes are deleted. Returns the asset id. */
export function replaceLogo(
  tx: Tx,
  pageId: string,
  file: { contentType: string; bytes: Buffer } | null,
  at: number,
): string | null {
  const previous = tx.select({ id: pages.logoAssetId }).from(pages).where(eq(pages.id, pageId)).get()?.id ?? null;
  let id: string | null = null;
  if (file) {
    id = newId();
    tx.insert(assets)
      .values({
        id,
        contentType: file.contentType,
        bytes: file.bytes,
        size: file.bytes.length,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
        createdAt: at,
      })
      .run();
  }
  tx.update(pages).set({ logoAssetId: id, updatedAt: at }).where(eq(pages.id, pageId)).run();
  if (previous) tx.delete(assets).where(eq(assets.id, previous)).run();
  return id;
}

import type { Tx } from "../index";
import { assets, pages, type Page } from "../schema";
import { eq } from "drizzle-orm";

/** The one page of this installation. */
export function getThePage(tx: Tx): Page {
  const page = tx.select().from(pages).limit(1).get();
  if (!page) throw new Error("The database has no page; the start creates it (services/bootstrap.ts).");
  return page;
}

export function findAsset(tx: Tx, id: string) {
  return tx.select().from(assets).where(eq(assets.id, id)).get();
}

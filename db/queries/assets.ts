import { eq } from "drizzle-orm";
import type { Db } from "../index";
import { assets } from "../schema";

export function getAsset(db: Db, id: string) {
  return db.select({ contentType: assets.contentType, bytes: assets.bytes }).from(assets).where(eq(assets.id, id)).get();
}

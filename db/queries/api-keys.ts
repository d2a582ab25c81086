// Reads for the console's API keys screen. The key hash never leaves the database layer.
import { desc, eq } from "drizzle-orm";
import type { Tx } from "../index";
import { apiKeys, users } from "../schema";

/** Every key, newest first, with the email of the member who created it (null: the command line, or since removed). */
export function listApiKeysForConsole(tx: Tx) {
  return tx
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      role: apiKeys.role,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      createdByEmail: users.email,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .all();
}

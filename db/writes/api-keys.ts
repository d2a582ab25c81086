import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { ApiKeyRole } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { apiKeys } from "../schema";

export function insertApiKey(
  tx: Tx,
  input: { name: string; role: ApiKeyRole; keyHash: string; prefix: string; createdBy: string | null; at: number },
): string {
  const id = newId();
  tx.insert(apiKeys)
    .values({ id, ...input, createdAt: input.at })
    .run();
  return id;
}

export function revokeApiKeyRow(tx: Tx, id: string, at: number): boolean {
  return (
    tx
      .update(apiKeys)
      .set({ revokedAt: at })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .run().changes === 1
  );
}

/** Records use at most once a minute per key, so a busy integration is not a write per request. */
export function touchApiKey(tx: Tx, id: string, at: number): void {
  tx.update(apiKeys)
    .set({ lastUsedAt: at })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, at - 60_000))))
    .run();
}

export function findApiKeyByHash(tx: Tx, keyHash: string) {
  return tx.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).get();
}

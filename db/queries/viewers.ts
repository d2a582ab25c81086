// Reads for viewers of the internal page: a session or machine token by its hash, and the console's list.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../index";
import { viewerSessions, viewerTokens } from "../schema";

export function findViewerSession(db: Db, tokenHash: string) {
  return db.select().from(viewerSessions).where(eq(viewerSessions.tokenHash, tokenHash)).get();
}

export function findLiveViewerToken(db: Db, tokenHash: string) {
  return db
    .select({ id: viewerTokens.id, name: viewerTokens.name, lastUsedAt: viewerTokens.lastUsedAt })
    .from(viewerTokens)
    .where(and(eq(viewerTokens.tokenHash, tokenHash), isNull(viewerTokens.revokedAt)))
    .get();
}

export function listViewerTokens(db: Db) {
  return db
    .select({
      id: viewerTokens.id,
      name: viewerTokens.name,
      createdAt: viewerTokens.createdAt,
      lastUsedAt: viewerTokens.lastUsedAt,
      revokedAt: viewerTokens.revokedAt,
    })
    .from(viewerTokens)
    .orderBy(desc(viewerTokens.createdAt))
    .all();
}

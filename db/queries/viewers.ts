// Reads for viewers of the internal page: a session or machine token by its hash, and the console's list.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../index";
import { viewerSessions, viewerSignInLinks, viewerTokens } from "../schema";

// Prepared once per connection: the page cache asks this on every internal request (bench:page's internal
// row), and building and preparing the statement each time cost more than running it.
const sessionStatements = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();
function prepareSessionLookup(db: Db) {
  return db
    .select()
    .from(viewerSessions)
    .where(eq(viewerSessions.tokenHash, sql.placeholder("tokenHash")))
    .prepare();
}

export function findViewerSession(db: Db, tokenHash: string) {
  let statement = sessionStatements.get(db);
  if (!statement) sessionStatements.set(db, (statement = prepareSessionLookup(db)));
  return statement.get({ tokenHash });
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

/**
 * The link a viewer_sign_in notification is about (its payload holds the link's id and hash, never the token,
 * which is derived from the id with the app secret); null once used or expired, so a stale link is never mailed.
 */
export function viewerLinkOfNotification(tx: Tx, payload: Record<string, unknown> | null, now: number) {
  const linkId = typeof payload?.linkId === "string" ? payload.linkId : null;
  const linkHash = typeof payload?.linkHash === "string" ? payload.linkHash : null;
  if (!linkId || !linkHash) return null;
  const row = tx.select().from(viewerSignInLinks).where(eq(viewerSignInLinks.tokenHash, linkHash)).get();
  if (!row || row.usedAt !== null || row.expiresAt <= now) return null;
  return { linkId, email: row.email, expiresAt: row.expiresAt };
}

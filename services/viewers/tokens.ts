// Viewer tokens for machines (a private page's API, feeds and calendar): created and revoked by admins in the
// console, shown once, stored as a SHA-256 like API keys.
import { z } from "zod";
import type { Db } from "@/db";
import { VIEWER_LIMITS } from "@/db/constants";
import { findLiveViewerToken } from "@/db/queries/viewers";
import { bestEffortWrite } from "@/db/unavailable";
import { insertViewerToken, revokeViewerToken, touchViewerToken } from "@/db/writes/viewers";
import { assertCan, type Actor } from "@/core/actor";
import { notFound } from "@/core/errors";
import { newId } from "@/core/ids";
import { HOUR } from "@/core/time";
import { audit } from "@/services/console/audit";
import { requiredText } from "@/services/console/fields";
import { parseInput } from "@/services/incidents/schemas";
import { hashToken, newSecretToken } from "@/services/auth/tokens";
import { viewerCaches } from "./live-cache";
import { VIEWER_TOKEN_PREFIX } from "./policy";

export const viewerTokenInput = z.object({ name: requiredText("a name", VIEWER_LIMITS.tokenName) });

/** Creates a token and returns it: the only time it exists outside the caller's screen is never. */
export function createViewerToken(db: Db, actor: Actor, raw: unknown, now = Date.now()): { id: string; token: string } {
  assertCan(actor, "settings.write");
  const { name } = parseInput(viewerTokenInput, raw);
  const token = `${VIEWER_TOKEN_PREFIX}${newSecretToken()}`;
  const id = newId();
  db.transaction((tx) => {
    insertViewerToken(tx, { id, name, tokenHash: hashToken(token), at: now });
    audit(tx, actor, now, "viewer_token.create", { type: "viewer_token", id }, { name });
  });
  return { id, token };
}

export function revokeToken(db: Db, actor: Actor, id: string, now = Date.now()): void {
  assertCan(actor, "settings.write");
  db.transaction((tx) => {
    if (!revokeViewerToken(tx, id, now)) throw notFound("Viewer token");
    audit(tx, actor, now, "viewer_token.revoke", { type: "viewer_token", id });
  });
  // This process stops accepting it at once; another process within the cache's TTL.
  viewerCaches().tokens.deleteWhere((cached) => cached.id === id);
}

/**
 * The live token's name, or null (unknown or revoked). Its last use is kept to the hour. A live token is kept in
 * the in-process cache (live-cache.ts) for a few seconds; revoking it here drops it at once.
 */
export function checkViewerToken(db: Db, token: string, now: number): { id: string; name: string } | null {
  if (!token.startsWith(VIEWER_TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const cache = viewerCaches().tokens;
  let row = cache.get(tokenHash, now);
  if (!row) {
    const found = findLiveViewerToken(db, tokenHash);
    if (!found) return null;
    row = { id: found.id, name: found.name, lastUsedAt: found.lastUsedAt };
    cache.set(tokenHash, row, now);
  }
  if (!row.lastUsedAt || now - row.lastUsedAt >= HOUR) {
    const used = row;
    bestEffortWrite(
      () => {
        touchViewerToken(db, used.id, now);
        used.lastUsedAt = now;
      },
      () => undefined,
    );
  }
  return { id: row.id, name: row.name };
}

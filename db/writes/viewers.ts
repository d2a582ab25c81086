// Writes for viewers of the internal page (issue #15): their sessions, sign-in links and machine tokens.
import { and, eq, gt, isNull, lt, ne, or } from "drizzle-orm";
import type { ItemVisibility, PageVisibility, ViewerMethod } from "../constants";
import type { Tx } from "../index";
import { componentGroups, components, pages, viewerSessions, viewerSignInLinks, viewerTokens } from "../schema";

export function insertViewerSession(
  tx: Tx,
  input: { tokenHash: string; email: string; method: ViewerMethod; at: number; expiresAt: number },
): void {
  tx.insert(viewerSessions)
    .values({
      tokenHash: input.tokenHash,
      email: input.email,
      method: input.method,
      createdAt: input.at,
      lastSeenAt: input.at,
      expiresAt: input.expiresAt,
    })
    .run();
}

export function touchViewerSession(tx: Tx, tokenHash: string, at: number): void {
  tx.update(viewerSessions).set({ lastSeenAt: at }).where(eq(viewerSessions.tokenHash, tokenHash)).run();
}

export function deleteViewerSession(tx: Tx, tokenHash: string): void {
  tx.delete(viewerSessions).where(eq(viewerSessions.tokenHash, tokenHash)).run();
}

export function deleteExpiredViewerRows(tx: Tx, now: number, idleTimeout: number): number {
  const sessions = tx
    .delete(viewerSessions)
    .where(or(lt(viewerSessions.expiresAt, now), lt(viewerSessions.lastSeenAt, now - idleTimeout)))
    .run().changes;
  return sessions + tx.delete(viewerSignInLinks).where(lt(viewerSignInLinks.expiresAt, now)).run().changes;
}

export function insertViewerLink(tx: Tx, input: { tokenHash: string; email: string; at: number; expiresAt: number }) {
  tx.insert(viewerSignInLinks)
    .values({ tokenHash: input.tokenHash, email: input.email, createdAt: input.at, expiresAt: input.expiresAt })
    .run();
}

/** Uses a link once: the email it was for, or null when it is unknown, used or expired (one statement, so two
 * clicks at the same moment cannot both win). */
export function claimViewerLink(tx: Tx, tokenHash: string, now: number): string | null {
  const row = tx
    .update(viewerSignInLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(viewerSignInLinks.tokenHash, tokenHash),
        isNull(viewerSignInLinks.usedAt),
        gt(viewerSignInLinks.expiresAt, now),
      ),
    )
    .returning({ email: viewerSignInLinks.email })
    .get();
  return row?.email ?? null;
}

export function insertViewerToken(tx: Tx, input: { id: string; name: string; tokenHash: string; at: number }) {
  tx.insert(viewerTokens)
    .values({ id: input.id, name: input.name, tokenHash: input.tokenHash, createdAt: input.at })
    .run();
}

export function revokeViewerToken(tx: Tx, id: string, at: number): boolean {
  return (
    tx
      .update(viewerTokens)
      .set({ revokedAt: at })
      .where(and(eq(viewerTokens.id, id), isNull(viewerTokens.revokedAt)))
      .run().changes > 0
  );
}

export function touchViewerToken(tx: Tx, id: string, at: number): void {
  tx.update(viewerTokens).set({ lastUsedAt: at }).where(eq(viewerTokens.id, id)).run();
}

export function updateAudienceSettings(
  tx: Tx,
  fields: { visibility: PageVisibility; viewerEmailDomains: string | null; viewerIpAllowlist: string | null },
  at: number,
): void {
  tx.update(pages)
    .set({ ...fields, updatedAt: at })
    .run();
}

/** Sets which services and groups are internal; returns how many rows changed. */
export function setItemVisibilities(
  tx: Tx,
  pageId: string,
  input: { groups: Record<string, ItemVisibility>; components: Record<string, ItemVisibility> },
  at: number,
): number {
  let changed = 0;
  for (const [id, visibility] of Object.entries(input.groups))
    changed += tx
      .update(componentGroups)
      .set({ visibility, updatedAt: at })
      .where(
        and(eq(componentGroups.id, id), eq(componentGroups.pageId, pageId), ne(componentGroups.visibility, visibility)),
      )
      .run().changes;
  for (const [id, visibility] of Object.entries(input.components))
    changed += tx
      .update(components)
      .set({ visibility, updatedAt: at })
      .where(and(eq(components.id, id), eq(components.pageId, pageId), ne(components.visibility, visibility)))
      .run().changes;
  return changed;
}

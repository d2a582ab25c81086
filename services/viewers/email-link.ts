// Email-link sign-in for viewers: an address at one of the allowed domains gets a single-use link that works
// for 15 minutes. The answer is the same whatever the address (no enumeration), requests are throttled per
// address and per client address, and only the link's SHA-256 is stored. The email goes through the outbox
// (viewer_sign_in) like every other one, so it is retried when Resend fails; the token is derived from the
// link's id with the app secret when the email is written, and a link used or expired by then is not written.
import type { Db } from "@/db";
import { LIMITS } from "@/db/constants";
import { getPage } from "@/db/queries/status-page";
import { insertAuditEntry } from "@/db/writes/audit";
import { claimViewerLink, insertViewerLink } from "@/db/writes/viewers";
import { emailDomainAllowed, listOf } from "@/core/audience";
import { takeFromWindows } from "@/services/auth/password-reset";
import { hashToken } from "@/services/auth/tokens";
import { enqueueNotification } from "@/db/writes/outbox";
import { ensureAppSecret } from "@/db/writes/page";
import { newId } from "@/core/ids";
import { viewerLinkToken } from "@/services/notifications/tokens";
import { VIEWER_LINK_LIFETIME, VIEWER_LINK_LIMITS } from "./policy";
import { createViewerSession } from "./sessions";

export type LinkRequestResult =
  { kind: "accepted" } | { kind: "throttled"; retryAfterMs: number } | { kind: "invalid" };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface LinkRequest {
  email: string;
  ip: string | null;
  now: number;
}

/** Asks for a sign-in link: its email is queued in the outbox in the same transaction (when it is due). */
export function requestViewerLink(db: Db, input: LinkRequest): LinkRequestResult {
  const email = input.email.trim().toLowerCase();
  if (email.length > LIMITS.email || !EMAIL.test(email)) return { kind: "invalid" };
  return db.transaction(
    (tx) => {
      const wait = takeFromWindows(
        tx,
        [
          { key: `viewer-link:email:${email}`, limit: VIEWER_LINK_LIMITS.perEmail },
          { key: `viewer-link:address:${input.ip ?? "unknown"}`, limit: VIEWER_LINK_LIMITS.perAddress },
        ],
        input.now,
      );
      if (wait > 0) return { kind: "throttled", retryAfterMs: wait } as const;
      const page = getPage(tx);
      const allowed =
        page && page.visibility !== "public" && emailDomainAllowed(email, listOf(page.viewerEmailDomains));
      insertAuditEntry(tx, {
        at: input.now,
        actorType: "anonymous",
        actorLabel: email,
        action: "viewer.link_requested",
        targetType: null,
        targetId: null,
        detail: { allowed: Boolean(allowed) },
        ip: input.ip,
      });
      if (!allowed) return { kind: "accepted" } as const;
      const linkId = newId();
      const linkHash = hashToken(viewerLinkToken(ensureAppSecret(tx, input.now), linkId));
      insertViewerLink(tx, { tokenHash: linkHash, email, at: input.now, expiresAt: input.now + VIEWER_LINK_LIFETIME });
      enqueueNotification(tx, {
        pageId: page.id,
        kind: "viewer_sign_in",
        payload: { linkId, linkHash },
        at: input.now,
      });
      return { kind: "accepted" } as const;
    },
    { behavior: "immediate" },
  );
}

/** Opens a link once: a new viewer session, or null when the link is unknown, used, expired or no longer allowed. */
export function signInWithLink(
  db: Db,
  token: string,
  input: { ip: string | null; now: number },
): { token: string; expiresAt: number; email: string } | null {
  if (!token || token.length > 200) return null;
  return db.transaction(
    (tx) => {
      const email = claimViewerLink(tx, hashToken(token), input.now);
      if (!email) return null;
      // The domain may have been removed from the list since the link was sent.
      const page = getPage(tx);
      if (!page || page.visibility === "public" || !emailDomainAllowed(email, listOf(page.viewerEmailDomains)))
        return null;
      const session = createViewerSession(tx, { email, method: "email", now: input.now });
      insertAuditEntry(tx, {
        at: input.now,
        actorType: "anonymous",
        actorLabel: email,
        action: "viewer.sign_in",
        targetType: null,
        targetId: null,
        detail: { method: "email" },
        ip: input.ip,
      });
      return { ...session, email };
    },
    { behavior: "immediate" },
  );
}

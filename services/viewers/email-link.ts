// Email-link sign-in for viewers: an address at one of the allowed domains gets a single-use link that works
// for 15 minutes. The answer is the same whatever the address (no enumeration), requests are throttled per
// address and per client address, and only the link's SHA-256 is stored. The email is sent at once (not
// through the subscriber outbox): a link that arrives an hour late is worth nothing.
import type { Db } from "@/db";
import { LIMITS } from "@/db/constants";
import { getPage } from "@/db/queries/status-page";
import { insertAuditEntry } from "@/db/writes/audit";
import { claimViewerLink, insertViewerLink } from "@/db/writes/viewers";
import { emailDomainAllowed, listOf } from "@/core/audience";
import { escapeXml } from "@/services/feeds/xml";
import type { OutgoingEmail, SendResult } from "@/services/mail/send";
import { takeFromWindows } from "@/services/auth/password-reset";
import { hashToken, newSecretToken } from "@/services/auth/tokens";
import { VIEWER_LINK_LIFETIME, VIEWER_LINK_LIMITS } from "./policy";
import { createViewerSession } from "./sessions";

export type LinkRequestResult =
  { kind: "accepted" } | { kind: "throttled"; retryAfterMs: number } | { kind: "invalid" };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface LinkRequest {
  email: string;
  ip: string | null;
  now: number;
  baseUrl: string;
  from: string;
}

/** Asks for a sign-in link. Returns after the email was handed to the mailer (or was not due). */
export async function requestViewerLink(
  db: Db,
  input: LinkRequest,
  send: (email: OutgoingEmail) => Promise<SendResult>,
): Promise<LinkRequestResult> {
  const email = input.email.trim().toLowerCase();
  if (email.length > LIMITS.email || !EMAIL.test(email)) return { kind: "invalid" };
  const token = newSecretToken();
  const outcome = db.transaction(
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
      if (!allowed) return { kind: "accepted", page: null } as const;
      insertViewerLink(tx, {
        tokenHash: hashToken(token),
        email,
        at: input.now,
        expiresAt: input.now + VIEWER_LINK_LIFETIME,
      });
      return { kind: "accepted", page } as const;
    },
    { behavior: "immediate" },
  );
  if (outcome.kind === "throttled") return outcome;
  if (outcome.page) {
    const link = `${input.baseUrl}/sign-in?link=${token}`;
    const result = await send(signInEmail(outcome.page.name, email, link, input.from));
    if (!result.ok) console.error("Sending a viewer sign-in link failed:", result.message);
  }
  return { kind: "accepted" };
}

function signInEmail(pageName: string, to: string, link: string, from: string): OutgoingEmail {
  const name = escapeXml(pageName);
  return {
    from,
    to: [to],
    subject: `Sign in to the ${pageName} status page`,
    html: `<p>Open this link to see the internal ${name} status page. It works once, for 15 minutes.</p><p><a href="${escapeXml(link)}">Sign in to ${name} status</a></p><p>If you did not ask for it, ignore this email.</p>`,
    text: `Open this link to see the internal ${pageName} status page. It works once, for 15 minutes.\n\n${link}\n\nIf you did not ask for it, ignore this email.`,
    headers: {},
  };
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

// Short links for SMS (/i/<code>): a text message has 160 characters a segment, and "/incidents/" alone
// takes eleven of them. The code is the incident's (or maintenance's) public id, so a link needs no table
// and no write, neither when the SMS is made nor per click: one indexed read decides, and the answer is
// cacheable. Only what the public may see is redirected; anything else is the same 404 as an unknown code.
import type { Db } from "@/db";
import { incidentHiddenFromPublic } from "@/db/queries/audience";
import { incidentPageId } from "@/db/queries/sms";
import { isId } from "@/core/ids";
import { messageUrl, type MessageLanguage } from "@/core/i18n/message-url";

export const SHORT_LINK_PREFIX = "/i/";

/** Redirects are cached for a while (an incident's page never moves); a 404 only briefly. */
export const SHORT_LINK_CACHE = "public, max-age=3600";
export const SHORT_LINK_MISS_CACHE = "public, max-age=60";

/**
 * The short link to an incident or maintenance on a page whose public base URL is `base`, in the reader's
 * language: `/de/i/<code>` leads to `/de/incidents/<id>` (three more characters, only for a language that is
 * not the page's default).
 */
export function shortLink(base: string, incidentId: string, language?: MessageLanguage): string {
  const path = `${SHORT_LINK_PREFIX}${incidentId}`;
  return language ? messageUrl(base, language, path) : `${base.replace(/\/+$/, "")}${path}`;
}

/** Where /i/<code> goes (a path on this site), or null: an unknown or malformed code, or not public. */
export function shortLinkTarget(db: Db, code: string): string | null {
  const id = code.toLowerCase();
  if (!isId(id)) return null;
  const pageId = incidentPageId(db, id);
  if (!pageId || incidentHiddenFromPublic(db, pageId, id)) return null;
  return `/incidents/${id}`;
}

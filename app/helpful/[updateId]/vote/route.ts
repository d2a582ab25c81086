import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { getConfig } from "@/core/config";
import { clientAddress, isCrossSite } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { castVote, type Voter } from "@/services/votes/vote";
import { VISITOR_COOKIE, type VoteError } from "@/services/votes/page-text";
import { hrefIn } from "@/core/i18n/paths";
import { publicLocaleFrom } from "@/services/i18n/locale-headers";
import { translator } from "@/core/i18n/translate";
import type { Locale } from "@/core/i18n/locales";
import { escapeHtml, htmlResponse, plainPage } from "@/services/subscriptions/plain-page";

export const dynamic = "force-dynamic";

/** A vote is a choice and at most a 500-character comment. */
const MAX_BODY = 8 * 1024;

type Params = { params: Promise<{ updateId: string }> };

/** The schema's messages are codes, except multiLine's sentence about a control character. */
function invalidVoteCode(errors: Record<string, string[] | undefined>): VoteError {
  const comment = errors.comment;
  if (!comment?.length) return "choose";
  return comment.every((m) => m === "comment-too-long") ? "comment-too-long" : "comment-characters";
}

/** A vote that is not counted, said in the language of the page it was cast on (namespace "helpful"). */
function refusal(locale: Locale, kind: "refused" | "gone", status: number): Response {
  const t = translator(locale, "helpful");
  const body = `<p>${escapeHtml(t(kind))}</p>`;
  return htmlResponse(plainPage({ title: t(`${kind}Title`), body, locale }), status);
}

const pageOf = (updateId: string, query: Record<string, string>) =>
  `/helpful/${encodeURIComponent(updateId)}?${new URLSearchParams(query)}`;

// Anonymous by design: a visitor is a random cookie, a subscriber the signed voter token of their email's
// link. Cross-site posts are refused (no CSRF token on a cached page's plain form); the limit is per address.
export async function POST(req: Request, { params }: Params) {
  const { updateId } = await params;
  // The language of the URL voted at (/de/helpful/...), as the proxy decided it.
  const lang = publicLocaleFrom((name) => req.headers.get(name));
  if (isCrossSite(req.headers)) return refusal(lang.locale, "refused", 403);
  let form: FormData;
  try {
    form = await readBodyForm(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
  const token = String(form.get("voter") ?? "").slice(0, 100);
  const cookie = /(?:^|;\s*)helpful_voter=([A-Za-z0-9_-]{16,64})/.exec(req.headers.get("cookie") ?? "")?.[1];
  const newCookie = !token && !cookie ? randomBytes(18).toString("base64url") : null;
  const voter: Voter = token ? { subscriberToken: token } : { visitorCookie: cookie ?? newCookie! };
  const result = castVote(
    getDb(),
    updateId,
    voter,
    { helpful: String(form.get("helpful") ?? "") as never, comment: String(form.get("comment") ?? "").slice(0, 2000) },
    clientAddress(req.headers) ?? "unknown",
  );
  const keep: Record<string, string> = token ? { voter: token } : {};
  // Back to the vote page in the language the vote was cast in (/de/helpful/... for a German page).
  const back = (id: string, query: Record<string, string>) => hrefIn(lang, pageOf(id, query));
  if (result.status === "not-found") return refusal(lang.locale, "gone", 404);
  let location: string;
  if (result.status === "recorded") location = back(updateId, { ...keep, done: result.helpful ? "yes" : "no" });
  else {
    const code: VoteError = result.status === "invalid" ? invalidVoteCode(result.errors) : result.status;
    location = back(updateId, { ...keep, error: code });
  }
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  if (newCookie) {
    const secure = getConfig().publicUrl.startsWith("https:") ? "; Secure" : "";
    headers.append(
      "Set-Cookie",
      `${VISITOR_COOKIE}=${newCookie}; Path=/helpful; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  return new Response(null, { status: 303, headers });
}

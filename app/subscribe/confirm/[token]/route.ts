import { getDb } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { localeOr } from "@/services/notifications/words";
import { confirmLinkState } from "@/services/subscriptions/confirm-link";
import { confirmAndGetManageToken } from "@/services/subscriptions/manage";
import { escapeHtml, htmlResponse, plainPage } from "@/services/subscriptions/plain-page";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

// A route handler rather than a page: an unknown link answers 404 and a used or expired one 410, which a
// Next page cannot. A link that names nobody any more has no language of its own: the default.
function answerFor(state: "gone" | "unknown", page: ReturnType<typeof getPageRow>, locale: Locale = DEFAULT_LOCALE) {
  const t = translator(locale, "manage");
  const frame = { pageName: page?.name, accent: page?.accentColor, locale };
  const again = `<p><a href="/subscribe">${escapeHtml(t("subscribeAgain"))}</a></p>`;
  if (state === "gone") {
    const body = `<p>${escapeHtml(t("confirm.goneBody"))}</p>${again}`;
    return htmlResponse(plainPage({ ...frame, title: t("confirm.goneTitle"), body }), 410);
  }
  const body = `<p>${escapeHtml(t("confirm.unknownBody"))}</p>${again}`;
  return htmlResponse(plainPage({ ...frame, title: t("confirm.unknownTitle"), body }), 404);
}

// GET changes nothing (mail scanners open links); only the button's POST confirms. In the language the
// sign-up was made in.
export async function GET(_req: Request, { params }: Params) {
  const { token } = await params;
  const db = getDb();
  const page = getPageRow(db);
  const link = confirmLinkState(db, token);
  if (link.state !== "valid" || !page) return answerFor(link.state === "valid" ? "unknown" : link.state, page);
  const locale = localeOr(link.subscriber.language);
  const t = translator(locale, "manage");
  const body = t.markup("confirm.body", {
    page: escapeHtml(page.name),
    email: escapeHtml(link.subscriber.email ?? ""),
    strong: (chunks) => `<strong><bdi>${chunks}</bdi></strong>`,
  });
  return htmlResponse(
    plainPage({
      pageName: page.name,
      accent: page.accentColor,
      locale,
      title: t("confirm.title"),
      body: `<p>${body}</p>
<form method="post" action="/subscribe/confirm/${escapeHtml(encodeURIComponent(token))}"><button type="submit">${escapeHtml(t("confirm.button"))}</button></form>`,
    }),
  );
}

// Authenticated by the single-use confirmation token in the URL (no cookies, so no CSRF token); a POST, so
// link scanners never confirm. It reads no body.
export async function POST(_req: Request, { params }: Params) {
  const { token } = await params;
  const db = getDb();
  const link = confirmLinkState(db, token);
  if (link.state !== "valid") return answerFor(link.state, getPageRow(db));
  const manageToken = confirmAndGetManageToken(db, token);
  if (!manageToken) return answerFor("gone", getPageRow(db), localeOr(link.subscriber.language));
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/manage/${manageToken}?confirmed=1`,
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}

import { getDb } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { confirmLinkState } from "@/services/subscriptions/confirm-link";
import { confirmAndGetManageToken } from "@/services/subscriptions/manage";
import { escapeHtml, htmlResponse, plainPage } from "@/services/subscriptions/plain-page";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

// A route handler rather than a page: an unknown link answers 404 and a used or expired one 410, which a
// Next page cannot.
function answerFor(state: "gone" | "unknown", page: ReturnType<typeof getPageRow>): Response {
  const frame = { pageName: page?.name, accent: page?.accentColor };
  const again = `<p><a href="/subscribe">Subscribe again</a></p>`;
  if (state === "gone") {
    const body = `<p>Links last 48 hours and work once. If you confirmed already, your subscription is active: every email we send has a link to manage it.</p>${again}`;
    return htmlResponse(
      plainPage({ ...frame, title: "This confirmation link has expired or was used already", body }),
      410,
    );
  }
  const body = `<p>It may be incomplete. Use the link in your most recent email from us.</p>${again}`;
  return htmlResponse(plainPage({ ...frame, title: "This confirmation link is not valid", body }), 404);
}

// GET changes nothing (mail scanners open links); only the button's POST confirms.
export async function GET(_req: Request, { params }: Params) {
  const { token } = await params;
  const db = getDb();
  const page = getPageRow(db);
  const link = confirmLinkState(db, token);
  if (link.state !== "valid" || !page) return answerFor(link.state === "valid" ? "unknown" : link.state, page);
  return htmlResponse(
    plainPage({
      pageName: page.name,
      accent: page.accentColor,
      title: "Confirm your subscription",
      body: `<p>Send ${escapeHtml(page.name)} notifications to <strong>${escapeHtml(link.subscriber.email ?? "")}</strong>?</p>
<form method="post" action="/subscribe/confirm/${escapeHtml(encodeURIComponent(token))}"><button type="submit">Confirm</button></form>`,
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
  if (!manageToken) return answerFor("gone", getPageRow(db));
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/manage/${manageToken}?confirmed=1`,
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}

import { getDb } from "@/db";
import { chatChannelName } from "@/services/chat/names";
import { getPageRow as getPage } from "@/db/queries/subscribers";
import { unsubscribe } from "@/db/writes/subscribers";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { subscriberForToken } from "@/services/subscriptions/access";
import { confirmUnsubscribePage, invalidLinkPage, unsubscribedPage } from "@/services/subscriptions/unsubscribe-page";
import { localeOr } from "@/services/notifications/words";

export const dynamic = "force-dynamic";

const html = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });

/** Either form of the body is a few dozen bytes. */
const MAX_BODY = 4 * 1024;

type Params = { params: Promise<{ token: string }> };

// GET never unsubscribes (link scanners prefetch every link): it shows a page with a button.
export async function GET(_req: Request, { params }: Params) {
  const { token } = await params;
  const db = getDb();
  const subscriber = subscriberForToken(db, "unsubscribe", token);
  const page = getPage(db);
  if (!subscriber || !page) return html(invalidLinkPage(), 404);
  const locale = localeOr(subscriber.language);
  if (subscriber.state === "unsubscribed") return html(unsubscribedPage(page.name, page.accentColor, locale));
  return html(
    confirmUnsubscribePage(
      page.name,
      page.accentColor,
      (subscriber.kind === "webhook"
        ? subscriber.webhookUrl
        : subscriber.kind === "chat"
          ? chatChannelName(subscriber)
          : subscriber.email) ?? "",
      `/unsubscribe/${encodeURIComponent(token)}`,
      locale,
    ),
  );
}

// RFC 8058 one-click unsubscribe: authenticated by the signed token in the URL (no cookies, no CSRF token).
// The token is checked before the body is read; an unknown token never costs a read. The body (RFC 8058's
// `List-Unsubscribe=One-Click`, or the page's `source=page`) is small, so anything past MAX_BODY is a 413.
export async function POST(req: Request, { params }: Params) {
  const { token } = await params;
  const db = getDb();
  const subscriber = subscriberForToken(db, "unsubscribe", token);
  // A browser (the page's button) asks for HTML; a mail client's one-click POST gets the bare status.
  if (!subscriber)
    return /text\/html/.test(req.headers.get("accept") ?? "")
      ? html(invalidLinkPage(), 404)
      : new Response(null, { status: 404 });
  let form: FormData | null = null;
  try {
    form = await readBodyForm(req, MAX_BODY);
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    if (err.status === 413) return bodyErrorResponse(err);
    // Any other body (none, or not a form) is still a one-click unsubscribe: the token alone decides.
  }
  const fromPage = form?.get("source") === "page";
  if (subscriber.state !== "unsubscribed") unsubscribe(db, subscriber.id, Date.now());
  if (!fromPage) return new Response(null, { status: 200 });
  const page = getPage(db)!;
  return html(unsubscribedPage(page.name, page.accentColor, localeOr(subscriber.language)));
}

import { getDb } from "@/db";
import { getPageRow as getPage } from "@/db/queries/subscribers";
import { unsubscribe } from "@/db/writes/subscribers";
import { subscriberForToken } from "@/lib/subscriptions/access";
import { confirmUnsubscribePage, invalidLinkPage, unsubscribedPage } from "@/lib/subscriptions/unsubscribe-page";

export const dynamic = "force-dynamic";

const html = (body: string, status = 200) =>
  new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });

type Params = { params: Promise<{ token: string }> };

// GET never unsubscribes (link scanners prefetch every link): it shows a page with a button.
export async function GET(_req: Request, { params }: Params) {
  const { token } = await params;
  const db = getDb();
  const subscriber = subscriberForToken(db, "unsubscribe", token);
  const page = getPage(db);
  if (!subscriber || !page) return html(invalidLinkPage(), 404);
  if (subscriber.state === "unsubscribed") return html(unsubscribedPage(page.name, page.accentColor, "/"));
  return html(confirmUnsubscribePage(page.name, page.accentColor, (subscriber.kind === "webhook" ? subscriber.webhookUrl : subscriber.email) ?? "", `/unsubscribe/${encodeURIComponent(token)}`));
}

// RFC 8058 one-click unsubscribe: authenticated by the signed token in the URL (no cookies, no CSRF token).
export async function POST(req: Request, { params }: Params) {
  const { token } = await params;
  const db = getDb();
  const subscriber = subscriberForToken(db, "unsubscribe", token);
  const form = await req.formData().catch(() => null);
  const fromPage = form?.get("source") === "page";
  if (!subscriber) return fromPage ? html(invalidLinkPage(), 404) : new Response(null, { status: 404 });
  if (subscriber.state !== "unsubscribed") unsubscribe(db, subscriber.id, Date.now());
  if (!fromPage) return new Response(null, { status: 200 });
  const page = getPage(db)!;
  return html(unsubscribedPage(page.name, page.accentColor, "/"));
}

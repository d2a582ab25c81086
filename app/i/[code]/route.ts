import { getDb } from "@/db";
import { publicLocaleFrom } from "@/services/i18n/locale-headers";
import { SHORT_LINK_CACHE, SHORT_LINK_MISS_CACHE, shortLinkTarget } from "@/services/short-links";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

// Public and read-only: an SMS's short link to an incident or maintenance page. One read, no write.
async function answer(request: Request, { params }: Context, withBody: boolean) {
  const target = shortLinkTarget(getDb(), (await params).code);
  if (!target) {
    return new Response(withBody ? "Not found\n" : null, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": SHORT_LINK_MISS_CACHE },
    });
  }
  // Relative to the request's own origin: behind a proxy the Location keeps the host the visitor used. In the
  // language of the link (/de/i/<code> -> /de/incidents/<id>), which the proxy read from its prefix.
  const location = publicLocaleFrom((name) => request.headers.get(name)).href(target);
  return new Response(null, {
    status: 302,
    headers: { Location: location, "Cache-Control": SHORT_LINK_CACHE },
  });
}

export const GET = (request: Request, context: Context) => answer(request, context, true);
export const HEAD = (request: Request, context: Context) => answer(request, context, false);

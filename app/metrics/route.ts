// Prometheus scrape endpoint: any valid API key (read role is enough) as `Authorization: Bearer <key>`;
// no cookies, so no CSRF applies (and it changes nothing).
import { getDb } from "@/db";
import { metricsSnapshot } from "@/db/queries/metrics";
import { getPage } from "@/db/queries/status-page";
import { authenticateApiKey } from "@/services/api-keys";
import { renderMetrics } from "@/services/metrics";

export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const db = getDb();
  if (!authenticateApiKey(db, request.headers.get("authorization"))) {
    return Response.json(
      { error: "Send an API key: Authorization: Bearer <key>" },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" } },
    );
  }
  const page = getPage(db);
  const now = Date.now();
  const text = page ? renderMetrics(metricsSnapshot(db, page.id), now) : "";
  return new Response(text, {
    headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" },
  });
}

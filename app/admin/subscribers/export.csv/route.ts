// The subscriber list as a CSV download (the filters of the list page apply). Authorised here, by the
// session and the admin role; it only reads, so a GET is right, and a cross-site request is refused.
import { getDb } from "@/db";
import { authorize } from "@/services/auth/dal";
import { actorOf } from "@/services/console/domain-actions";
import { DomainError } from "@/core/errors";
import { exportSubscribersCsv } from "@/services/subscriptions/admin";

export const dynamic = "force-dynamic";

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(request: Request): Promise<Response> {
  const ctx = await authorize("admin");
  if ("error" in ctx) return plain(ctx.status, ctx.error);
  const url = new URL(request.url);
  let csv: string;
  try {
    csv = exportSubscribersCsv(getDb(), actorOf(ctx), {
      search: url.searchParams.get("q") || undefined,
      state: (url.searchParams.get("state") || undefined) as never,
    });
  } catch (err) {
    if (err instanceof DomainError) return plain(err.code === "forbidden" ? 403 : 400, err.message);
    throw err;
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="subscribers-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

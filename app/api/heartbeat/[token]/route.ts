// Heartbeat intake: authenticated by the secret token in the URL (no cookies, so no CSRF check). The body of
// a POST is never read: everything is in the query (`?status=fail&msg=...`).
import { getDb } from "@/db";
import { receiveHeartbeat } from "@/services/monitors/heartbeat";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

async function handle(req: Request, { params }: Params): Promise<Response> {
  const { token } = await params;
  const outcome = await receiveHeartbeat(getDb(), token, new URL(req.url).searchParams);
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
  };
  if (outcome.status === 429) headers["Retry-After"] = String(outcome.retryAfterSeconds);
  return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers });
}

export const GET = handle;
export const POST = handle;

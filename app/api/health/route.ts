import { getDb } from "@/db";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// Public and read-only: answers whether the app can reach its database, for load balancers and monitors.
export function GET() {
  const { httpStatus, body } = checkHealth(getDb);
  return Response.json(body, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
}

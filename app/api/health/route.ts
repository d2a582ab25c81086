import { getDb } from "@/db";
import { checkHealth } from "@/services/health";

export const dynamic = "force-dynamic";

// Public: answers whether the app can read and write its database, for load balancers and monitors. Its only
// write is a throttled heartbeat row, so polling it cannot make the server write more than every 2 s.
export function GET() {
  const { httpStatus, body } = checkHealth(getDb);
  return Response.json(body, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
}

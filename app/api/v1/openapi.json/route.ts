import { getConfig } from "@/core/config";
import { openApiDocument } from "@/services/api/v1/openapi";

export const dynamic = "force-dynamic";

// Public and read-only: the description of the management API.
export function GET() {
  return Response.json(openApiDocument(getConfig().publicUrl), { headers: { "Access-Control-Allow-Origin": "*" } });
}

import { jsonError, preflight } from "@/services/api/http";

export const dynamic = "force-dynamic";

// Unknown paths under /api/v2 answer with JSON, never the HTML app shell.
const notFound = (request: Request) => jsonError(request, 404, "Not found: see /api for the endpoints");
export { notFound as GET, notFound as HEAD, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
export const OPTIONS = preflight;

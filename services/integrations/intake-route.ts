// The intake's HTTP shape, shared by POST /api/integrations/<id>/<secret> and POST /api/integrations/<id>
// with `Authorization: Bearer <secret>`. Authenticated by the integration's secret (no cookies, so no CSRF).
// Order: secret (401), rate limit (429), body (413/415/400), payload shape (400 with the reason, logged as
// rejected, nothing else changed), then the alerts.
import { getDb } from "@/db";
import { BodyError, bodyErrorHeaders } from "@/services/request-body";
import { authenticateIntake, MAX_INTAKE_BYTES, receivePayload, rejectPayload, takeIntakeToken } from "./intake";
import { readJsonBody } from "./read-json-body";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

export function bearerSecret(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1] : null;
}

export async function handleIntake(request: Request, id: string, secret: string | null): Promise<Response> {
  const db = getDb();
  const integration = authenticateIntake(db, id, secret);
  if (!integration)
    return json(
      401,
      { error: "Unknown integration or wrong secret" },
      { "WWW-Authenticate": 'Bearer realm="integrations"' },
    );
  const now = Date.now();
  const wait = takeIntakeToken(integration.id, now);
  if (wait > 0) return json(429, { error: "Too many payloads for this integration" }, { "Retry-After": String(wait) });
  let body: { json: unknown; text: string };
  try {
    body = await readJsonBody(request, MAX_INTAKE_BYTES);
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    if (err.status === 400) rejectPayload(db, integration, err.message, "", now);
    return json(err.status, { error: err.message }, bodyErrorHeaders(err));
  }
  const outcome = await receivePayload(db, integration, body.json, body.text, now);
  if (!outcome.ok) return json(400, { error: `Not a valid ${integration.kind} payload: ${outcome.reason}` });
  return json(200, outcome);
}

import { getDb } from "@/db";
import { getConfig } from "@/core/config";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { EMPTY_TWIML, handleTwilioInbound } from "@/services/sms/inbound";

export const dynamic = "force-dynamic";

/** An inbound SMS's form is a few dozen fields of a few bytes. */
const MAX_BODY = 16 * 1024;

// Twilio's inbound-message webhook: authenticated by X-Twilio-Signature alone (no cookies, no CSRF token).
// Twilio signs the URL it called, which is this route under PUBLIC_URL (not the address a proxy forwarded to).
export async function POST(req: Request) {
  const config = getConfig();
  if (!config.twilio) return Response.json({ error: "SMS is not configured" }, { status: 404 });
  let form: FormData;
  try {
    form = await readBodyForm(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
  const params: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") params[key] = value;
  const url = `${config.publicUrl}/api/sms/twilio${new URL(req.url).search}`;
  const result = handleTwilioInbound(
    getDb(),
    config.twilio.authToken,
    url,
    req.headers.get("x-twilio-signature"),
    params,
  );
  if (result.status === 403) return Response.json({ error: result.error }, { status: 403 });
  return new Response(EMPTY_TWIML, { status: 200, headers: { "Content-Type": "text/xml; charset=utf-8" } });
}

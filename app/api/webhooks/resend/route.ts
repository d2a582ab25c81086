import { getDb } from "@/db";
import { applyEmailEvent } from "@/db/writes/email-events";
import { getConfig } from "@/core/config";
import { svixHeadersPlausible, verifyWebhook } from "@/services/mail/webhook-signature";
import { BodyError, bodyErrorResponse, readBodyText } from "@/services/request-body";
import { eventEffect, resendEventSchema } from "@/services/subscriptions/resend-events";

export const dynamic = "force-dynamic";

const MAX_BODY = 256 * 1024;

// Resend's delivery events: authenticated by the Svix signature (checked by the Resend SDK) over the raw body (RESEND_WEBHOOK_SECRET).
// The signature headers are checked before the body is read, and the body is read only up to MAX_BODY.
export async function POST(req: Request) {
  const secret = getConfig().resendWebhookSecret;
  if (!secret) return Response.json({ error: "Webhook secret not configured" }, { status: 401 });
  const headers = {
    id: req.headers.get("svix-id"),
    timestamp: req.headers.get("svix-timestamp"),
    signature: req.headers.get("svix-signature"),
  };
  if (!svixHeadersPlausible(headers)) return Response.json({ error: "Invalid signature" }, { status: 401 });
  let raw: string;
  try {
    raw = await readBodyText(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
  const verified = verifyWebhook(secret, headers, raw);
  if (!verified.ok) {
    return verified.error === "json"
      ? Response.json({ error: "Invalid JSON" }, { status: 400 })
      : Response.json({ error: "Invalid signature" }, { status: 401 });
  }
  const parsed = resendEventSchema.safeParse(verified.payload);
  if (!parsed.success) return Response.json({ error: "Invalid event" }, { status: 400 });
  const event = parsed.data;
  const effect = eventEffect(event);
  const fresh = applyEmailEvent(getDb(), {
    svixId: headers.id!,
    type: event.type,
    providerId: event.data.email_id ?? null,
    address: event.data.to?.[0] ?? null,
    ...effect,
    at: Date.now(),
  });
  return Response.json({ ok: true, duplicate: !fresh });
}

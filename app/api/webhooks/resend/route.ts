import { getDb } from "@/db";
import { applyEmailEvent } from "@/db/writes/email-events";
import { getConfig } from "@/lib/config";
import { verifyWebhook } from "@/lib/mail/webhook-signature";
import { eventEffect, resendEventSchema } from "@/lib/subscriptions/resend-events";

export const dynamic = "force-dynamic";

const MAX_BODY = 256 * 1024;

// Resend's delivery events: authenticated by the Svix signature over the raw body (RESEND_WEBHOOK_SECRET).
export async function POST(req: Request) {
  const secret = getConfig().resendWebhookSecret;
  if (!secret) return new Response("Webhook secret not configured", { status: 401 });
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY) return new Response("Too large", { status: 413 });
  const raw = await req.text();
  if (raw.length > MAX_BODY) return new Response("Too large", { status: 413 });
  const headers = { id: req.headers.get("svix-id"), timestamp: req.headers.get("svix-timestamp"), signature: req.headers.get("svix-signature") };
  if (!verifyWebhook(secret, headers, raw)) return new Response("Invalid signature", { status: 401 });
  let parsed;
  try {
    parsed = resendEventSchema.safeParse(JSON.parse(raw));
  } catch {
    return new Response("Invalid JSON", { status: 400 });
  }
  if (!parsed.success) return new Response("Invalid event", { status: 400 });
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

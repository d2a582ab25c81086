// Resend signs its webhooks the Svix (Standard Webhooks) way; the SDK's resend.webhooks.verify checks the
// signature and the 5-minute timestamp window, so this module only adapts it to the route. It lives in
// services/mail because only the mailer imports `resend`.
import { Resend } from "resend";

export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

export interface SvixHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

/** The checks that need no body: all three headers well-formed and the timestamp within 5 minutes of `now`. */
export function svixHeadersPlausible(headers: SvixHeaders, now = Date.now()): boolean {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || id.length > 200 || signature.length > 2000)
    return false;
  return Math.abs(now - Number(timestamp) * 1000) <= WEBHOOK_TOLERANCE_MS;
}

// verify() never calls the API, but the SDK's constructor insists on a key; this one is never sent anywhere.
let verifier: Resend | undefined;
function sdk(): Resend {
  return (verifier ??= new Resend("re_verify_only"));
}

export type VerifiedWebhook = { ok: true; payload: unknown } | { ok: false; error: "signature" | "json" };

/**
 * The SDK's check of the raw body against the headers (and the wall clock: the SDK takes no `now`, so tests
 * set the system time). A good signature over a body that is not JSON is told apart, for a 400 instead of 401.
 */
export function verifyWebhook(secret: string, headers: SvixHeaders, rawBody: string): VerifiedWebhook {
  if (!svixHeadersPlausible(headers)) return { ok: false, error: "signature" };
  const { id, timestamp, signature } = headers as { id: string; timestamp: string; signature: string };
  try {
    return {
      ok: true,
      payload: sdk().webhooks.verify({
        payload: rawBody,
        headers: { id, timestamp, signature },
        webhookSecret: secret,
      }),
    };
  } catch (err) {
    // The signature matched and only the JSON parse after it failed.
    if (err instanceof SyntaxError) return { ok: false, error: "json" };
    return { ok: false, error: "signature" };
  }
}

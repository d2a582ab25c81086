// Resend signs its webhooks the Svix way: HMAC-SHA256 over `${id}.${timestamp}.${rawBody}` with the
// base64 secret after `whsec_`, sent as space-separated `v1,<base64>` entries in svix-signature.
import { createHmac, timingSafeEqual } from "node:crypto";

export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

export interface SvixHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", key(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The checks that need no body: all three headers well-formed and the timestamp within 5 minutes of `now`. */
export function svixHeadersPlausible(headers: SvixHeaders, now = Date.now()): boolean {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || id.length > 200 || signature.length > 2000) return false;
  return Math.abs(now - Number(timestamp) * 1000) <= WEBHOOK_TOLERANCE_MS;
}

/** True when one of the signatures matches and the timestamp is within 5 minutes of `now`. */
export function verifyWebhook(secret: string, headers: SvixHeaders, rawBody: string, now = Date.now()): boolean {
  if (!svixHeadersPlausible(headers, now)) return false;
  const { id, timestamp, signature } = headers as { id: string; timestamp: string; signature: string };
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), rawBody).slice(3), "base64");
  return signature.split(" ").some((entry) => {
    const [version, value] = entry.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

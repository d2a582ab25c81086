// Signs a test event the way Resend (Svix) does: HMAC-SHA256 over `${id}.${timestamp}.${rawBody}` with the
// base64 secret after `whsec_`, sent as `v1,<base64>` in svix-signature. Production verifies with the SDK
// (services/mail/webhook-signature.ts); this is written out independently so the tests check the SDK's verdict.
import { createHmac } from "node:crypto";

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

import { Resend } from "resend";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./webhook-signature";

const secret = "whsec_" + Buffer.from("a-test-signing-secret-of-32-bytes!").toString("base64");
const body = JSON.stringify({ type: "email.delivered", created_at: "2026-11-23T16:00:00.000Z", data: { email_id: "e1" } });
const now = Date.UTC(2026, 10, 23, 16, 0);
const ts = Math.floor(now / 1000);

describe("Resend webhook signatures", () => {
  it("accepts a good signature, as the SDK does", () => {
    const signature = signWebhook(secret, "msg_1", ts, body);
    expect(verifyWebhook(secret, { id: "msg_1", timestamp: String(ts), signature }, body, now)).toBe(true);
    expect(verifyWebhook(secret, { id: "msg_1", timestamp: String(ts), signature: `v1,bm9wZQ== ${signature}` }, body, now)).toBe(true);
    const sdk = new Resend("re_unused");
    const realNow = Math.floor(Date.now() / 1000);
    expect(() => sdk.webhooks.verify({ payload: body, headers: { id: "msg_1", timestamp: String(realNow), signature: signWebhook(secret, "msg_1", realNow, body) }, webhookSecret: secret })).not.toThrow();
  });

  it("rejects tampered bodies, other ids, wrong secrets, old or future timestamps and junk", () => {
    const signature = signWebhook(secret, "msg_1", ts, body);
    const h = { id: "msg_1", timestamp: String(ts), signature };
    expect(verifyWebhook(secret, h, body.replace("e1", "e2"), now)).toBe(false);
    expect(verifyWebhook(secret, { ...h, id: "msg_2" }, body, now)).toBe(false);
    expect(verifyWebhook("whsec_" + Buffer.from("other").toString("base64"), h, body, now)).toBe(false);
    expect(verifyWebhook(secret, h, body, now + 6 * 60_000)).toBe(false);
    expect(verifyWebhook(secret, h, body, now - 6 * 60_000)).toBe(false);
    expect(verifyWebhook(secret, { ...h, signature: null }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { ...h, timestamp: "soon" }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { ...h, signature: "v1," + "A".repeat(5000) }, body, now)).toBe(false);
  });
});

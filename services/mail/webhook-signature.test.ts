import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signWebhook } from "@/services/testing/sign-resend-webhook";
import { svixHeadersPlausible, verifyWebhook } from "./webhook-signature";

const secret = "whsec_" + Buffer.from("a-test-signing-secret-of-32-bytes!").toString("base64");
const event = { type: "email.delivered", created_at: "2026-11-23T16:00:00.000Z", data: { email_id: "e1" } };
const body = JSON.stringify(event);
const now = Date.UTC(2026, 10, 23, 16, 0);
const ts = Math.floor(now / 1000);

// The SDK reads the wall clock (it takes no `now`): the clock is set, not waited for.
beforeEach(() => vi.useFakeTimers({ now, toFake: ["Date"] }));
afterEach(() => vi.useRealTimers());

describe("Resend webhook signatures (resend.webhooks.verify)", () => {
  it("accepts a good signature, among others, and returns the parsed event", () => {
    const signature = signWebhook(secret, "msg_1", ts, body);
    expect(verifyWebhook(secret, { id: "msg_1", timestamp: String(ts), signature }, body)).toEqual({
      ok: true,
      payload: event,
    });
    expect(
      verifyWebhook(secret, { id: "msg_1", timestamp: String(ts), signature: `v1,bm9wZQ== ${signature}` }, body),
    ).toEqual({ ok: true, payload: event });
  });

  it("rejects tampered bodies, other ids, wrong secrets, old or future timestamps and junk", () => {
    const signature = signWebhook(secret, "msg_1", ts, body);
    const h = { id: "msg_1", timestamp: String(ts), signature };
    const refused = { ok: false, error: "signature" };
    expect(verifyWebhook(secret, h, body.replace("e1", "e2"))).toEqual(refused);
    expect(verifyWebhook(secret, { ...h, id: "msg_2" }, body)).toEqual(refused);
    expect(verifyWebhook("whsec_" + Buffer.from("other").toString("base64"), h, body)).toEqual(refused);
    expect(verifyWebhook(secret, { ...h, signature: null }, body)).toEqual(refused);
    expect(verifyWebhook(secret, { ...h, timestamp: "soon" }, body)).toEqual(refused);
    expect(verifyWebhook(secret, { ...h, signature: "v1," + "A".repeat(5000) }, body)).toEqual(refused);
    expect(verifyWebhook("", h, body)).toEqual(refused);
    vi.setSystemTime(now + 6 * 60_000);
    expect(verifyWebhook(secret, h, body)).toEqual(refused);
    vi.setSystemTime(now - 6 * 60_000);
    expect(verifyWebhook(secret, h, body)).toEqual(refused);
  });

  it("tells a signed body that is not JSON apart from a bad signature", () => {
    const raw = "not json";
    const h = { id: "msg_1", timestamp: String(ts), signature: signWebhook(secret, "msg_1", ts, raw) };
    expect(verifyWebhook(secret, h, raw)).toEqual({ ok: false, error: "json" });
  });

  it("refuses implausible headers before any body is read", () => {
    const h = { id: "msg_1", timestamp: String(ts), signature: "v1,x" };
    expect(svixHeadersPlausible(h, now)).toBe(true);
    expect(svixHeadersPlausible(h, now + 6 * 60_000)).toBe(false);
    expect(svixHeadersPlausible({ ...h, id: "x".repeat(201) }, now)).toBe(false);
  });
});

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signPayload, verifySignature } from "./signature";

const secret = "whsec_test_secret";
const body = JSON.stringify({ component_update: { new_status: "major_outage" } });
const t = 1_781_000_000;

describe("webhook signatures", () => {
  it("is t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signPayload(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies a fresh signature of the raw body", () => {
    expect(verifySignature(secret, body, signPayload(secret, body, t), t + 10)).toBe(true);
  });

  it("refuses another body, another secret, an old or future timestamp, a malformed header", () => {
    const header = signPayload(secret, body, t);
    expect(verifySignature(secret, body + " ", header, t)).toBe(false);
    expect(verifySignature(`${secret}x`, body, header, t)).toBe(false);
    expect(verifySignature(secret, body, header, t + 301)).toBe(false);
    expect(verifySignature(secret, body, header, t - 301)).toBe(false);
    expect(verifySignature(secret, body, signPayload(secret, body, t).replace(`t=${t}`, `t=${t + 1}`), t)).toBe(false);
    for (const bad of [null, "", "v1=abc", `t=${t}`, `t=abc,v1=${"0".repeat(64)}`, `t=${t},v1=zz`]) {
      expect(verifySignature(secret, body, bad, t)).toBe(false);
    }
  });

  it("flipping any hex digit of the MAC breaks it", () => {
    const header = signPayload(secret, body, t);
    const mac = header.split("v1=")[1];
    const flipped = mac.slice(0, -1) + (mac.at(-1) === "0" ? "1" : "0");
    expect(flipped).not.toBe(mac);
    expect(verifySignature(secret, body, `t=${t},v1=${flipped}`, t)).toBe(false);
  });

  it("makes distinct, long secrets", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

import { describe, expect, it } from "vitest";
import {
  confirmationToken,
  invitationToken,
  signSubscriberToken,
  tokenSubscriberId,
  verifySubscriberToken,
} from "./tokens";

const secret = "s3cret";
const sub = { id: "abcdefghijkl", tokenVersion: 1 };

describe("subscriber tokens", () => {
  it("verify for the same subscriber, purpose and version only", () => {
    const token = signSubscriberToken(secret, "unsubscribe", sub.id, 1);
    expect(tokenSubscriberId(token)).toBe(sub.id);
    expect(verifySubscriberToken(secret, "unsubscribe", token, sub)).toBe(true);
    expect(verifySubscriberToken(secret, "manage", token, sub)).toBe(false);
    expect(verifySubscriberToken(secret, "unsubscribe", token, { ...sub, tokenVersion: 2 })).toBe(false);
    expect(verifySubscriberToken("other", "unsubscribe", token, sub)).toBe(false);
    expect(verifySubscriberToken(secret, "unsubscribe", token, { ...sub, id: "mnopqrstuvwx" })).toBe(false);
  });

  it("reject tampered, malformed and huge tokens", () => {
    const token = signSubscriberToken(secret, "manage", sub.id, 1);
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(verifySubscriberToken(secret, "manage", tampered, sub)).toBe(false);
    expect(tokenSubscriberId("nonsense")).toBeNull();
    expect(tokenSubscriberId("x".repeat(10_000))).toBeNull();
    expect(tokenSubscriberId(`${sub.id}.${"a".repeat(32)}.extra`)).toBeNull();
  });
});

describe("derived link tokens", () => {
  it("are the same for the same inputs and differ with the secret, the id, the sign-up time and the purpose", () => {
    const confirm = confirmationToken(secret, sub.id, 1000);
    expect(confirm).toBe(confirmationToken(secret, sub.id, 1000));
    expect(confirm.startsWith(`${sub.id}.`)).toBe(true);
    expect(
      new Set([
        confirm,
        confirmationToken(secret, sub.id, 1001),
        confirmationToken("other", sub.id, 1000),
        confirmationToken(secret, "mnopqrstuvwx", 1000),
      ]).size,
    ).toBe(4);
    const invite = invitationToken(secret, sub.id);
    expect(invite).toMatch(/^[\w-]{43}$/);
    expect(invite).toBe(invitationToken(secret, sub.id));
    expect(invite).not.toBe(invitationToken("other", sub.id));
    expect(invite).not.toBe(confirm.split(".")[1]);
  });
});

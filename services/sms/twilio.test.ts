import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeTwilio, type FakeTwilio } from "@/services/testing/fake-twilio";
import { isSignedByTwilio, twilioSender, twilioSignature } from "./twilio";

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const sender = (overrides: { authToken?: string; from?: string } = {}) =>
  twilioSender({
    accountSid: fake.accountSid,
    authToken: overrides.authToken ?? fake.authToken,
    from: overrides.from ?? "+15005550006",
    baseUrl: fake.url,
    timeoutMs: 2000,
  });

describe("twilioSender (the real SDK against the fake Twilio)", () => {
  it("sends and answers Twilio's message SID and segment count", async () => {
    const result = await sender().send("+491701234567", "Webmail is down. https://s.example/i/1");
    expect(result).toMatchObject({ ok: true, segments: 1 });
    expect(fake.messages()).toMatchObject([
      { to: "+491701234567", from: "+15005550006", body: "Webmail is down. https://s.example/i/1" },
    ]);
  });

  it("a wrong auth token is a 20003, not retried", async () => {
    expect(await sender({ authToken: "wrong" }).send("+491701234567", "x")).toMatchObject({
      ok: false,
      status: 401,
      code: 20003,
      retryable: false,
    });
    expect(fake.messages()).toHaveLength(0);
  });

  it("an invalid number is Twilio's 21211; a number that replied STOP is 21610 and says so", async () => {
    expect(await sender().send("+12", "x")).toMatchObject({ ok: false, status: 400, code: 21211, retryable: false });
    fake.markUnsubscribed("+491701234567");
    expect(await sender().send("+491701234567", "x")).toMatchObject({ code: 21610, optedOut: true, retryable: false });
  });

  it("500, 429 and a dropped connection are retryable; the next try goes through", async () => {
    fake.failNext(1, "500");
    fake.failNext(1, "429");
    fake.failNext(1, "drop");
    expect(await sender().send("+491701234567", "x")).toMatchObject({ ok: false, status: 500, retryable: true });
    expect(await sender().send("+491701234567", "x")).toMatchObject({ ok: false, status: 429, code: 20429 });
    expect(await sender().send("+491701234567", "x")).toMatchObject({ ok: false, status: null, retryable: true });
    expect(await sender().send("+491701234567", "x")).toMatchObject({ ok: true });
    expect(fake.requestCount()).toBe(4);
  });

  it("refuses bodies past Twilio's 1600 characters with 21617", async () => {
    expect(await sender().send("+491701234567", "a".repeat(1601))).toMatchObject({ code: 21617 });
  });
});

describe("the inbound webhook's signature", () => {
  const url = "https://status.example.org/api/sms/twilio";
  const params = { From: "+491701234567", Body: "STOP", MessageSid: "SM1" };
  it("accepts Twilio's signature and refuses a forged or missing one, or changed fields", () => {
    const good = twilioSignature("token", url, params);
    expect(isSignedByTwilio("token", good, url, params)).toBe(true);
    expect(isSignedByTwilio("other", good, url, params)).toBe(false);
    expect(isSignedByTwilio("token", null, url, params)).toBe(false);
    expect(isSignedByTwilio("token", good, url, { ...params, From: "+491709999999" })).toBe(false);
    expect(isSignedByTwilio("token", good, url.replace("https", "http"), params)).toBe(false);
  });
});

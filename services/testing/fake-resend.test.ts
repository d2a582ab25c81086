import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeResend, type FakeResend } from "./fake-resend";

let fake: FakeResend;
let resend: Resend;
const email = (to: string, subject = "Hello") => ({
  from: "Status <status@example.com>",
  to: [to],
  subject,
  html: "<p>Hi</p>",
  text: "Hi",
});

beforeAll(async () => {
  fake = await startFakeResend();
  resend = new Resend("re_test_key", { baseUrl: fake.url });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(0);
  fake.setLatency(0);
});

describe("fake Resend server, through the real SDK", () => {
  it("accepts a single email and a batch, and records them", async () => {
    const single = await resend.emails.send(email("a@example.com"));
    expect(single.error).toBeNull();
    expect(single.data?.id).toMatch(/[0-9a-f-]{36}/);
    const batch = await resend.batch.send([email("b@example.com"), email("c@example.com")]);
    expect(batch.error).toBeNull();
    expect(batch.data?.data.map((d) => d.id)).toHaveLength(2);
    expect(fake.emails().map((e) => e.to[0])).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
    const overHttp = (await (await fetch(`${fake.url}/_test/emails`)).json()) as { data: { to: string[] }[] };
    expect(overHttp.data).toHaveLength(3);
  });

  it("enforces the rate limit with 429 and the rate-limit headers", async () => {
    fake.setRateLimit(2);
    const first = await resend.emails.send(email("a@example.com"));
    expect(first.headers?.["ratelimit-limit"]).toBe("2");
    expect(first.headers?.["ratelimit-remaining"]).toBe("1");
    await resend.emails.send(email("b@example.com"));
    const third = await resend.emails.send(email("c@example.com"));
    expect(third.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(third.headers?.["retry-after"]).toBe("1");
    expect(third.headers?.["ratelimit-remaining"]).toBe("0");
    expect(fake.emails()).toHaveLength(2);
  });

  it("honours idempotency keys: same payload replays, different payload is a 409", async () => {
    const payload = [email("a@example.com"), email("b@example.com")];
    const first = await resend.batch.send(payload, { idempotencyKey: "notification/x/chunk/0" });
    const again = await resend.batch.send(payload, { idempotencyKey: "notification/x/chunk/0" });
    expect(again.data).toEqual(first.data);
    expect(fake.emails()).toHaveLength(2);
    const changed = await resend.batch.send([email("a@example.com", "Other")], {
      idempotencyKey: "notification/x/chunk/0",
    });
    expect(changed.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(fake.emails()).toHaveLength(2);
  });

  it("answers 409 concurrent_idempotent_requests while the first request is in flight", async () => {
    fake.setLatency(200);
    const payload = [email("a@example.com")];
    const [a, b] = await Promise.all([
      resend.batch.send(payload, { idempotencyKey: "k1" }),
      new Promise((r) => setTimeout(r, 50)).then(() => resend.batch.send(payload, { idempotencyKey: "k1" })),
    ]);
    expect(a.error).toBeNull();
    expect(b.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
    expect(fake.emails()).toHaveLength(1);
  });

  it("fails on demand: 500, dropped connection, 422 for one recipient, quota", async () => {
    fake.failNext(1, "500");
    expect((await resend.emails.send(email("a@example.com"))).error).toMatchObject({ statusCode: 500 });
    fake.failNext(1, "drop");
    expect((await resend.emails.send(email("a@example.com"))).error).toMatchObject({ statusCode: null });
    fake.rejectRecipient("bad@example.com");
    const refused = await resend.batch.send([email("ok@example.com"), email("bad@example.com")]);
    expect(refused.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    fake.rejectRecipient(null);
    fake.setQuotaExceeded(true);
    expect((await resend.emails.send(email("a@example.com"))).error).toMatchObject({
      statusCode: 429,
      name: "daily_quota_exceeded",
    });
    expect(fake.emails()).toHaveLength(0);
    expect(fake.requestCount()).toBe(4);
  });

  it("validates like Resend: batches of at most 100, required fields", async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => email(`u${i}@example.com`));
    expect((await resend.batch.send(tooMany)).error).toMatchObject({ statusCode: 422 });
    expect((await resend.emails.send({ ...email("a@example.com"), subject: "" })).error).toMatchObject({
      statusCode: 422,
    });
    const anonymous = await fetch(`${fake.url}/emails`, {
      method: "POST",
      body: JSON.stringify(email("a@example.com")),
    });
    expect(anonymous.status).toBe(401);
    expect(fake.emails()).toHaveLength(0);
  });

  it("can be driven over HTTP by a test in another process", async () => {
    await fetch(`${fake.url}/_test/fail`, { method: "POST", body: JSON.stringify({ count: 1 }) });
    expect((await resend.emails.send(email("a@example.com"))).error).toMatchObject({ statusCode: 500 });
    expect((await resend.emails.send(email("a@example.com"))).error).toBeNull();
    await fetch(`${fake.url}/_test/reset`, { method: "POST" });
    expect(fake.emails()).toHaveLength(0);
  });
});

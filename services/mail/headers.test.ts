// Item 7: a page or incident name with CR/LF or other control characters (a row from before the input rule)
// never reaches an email header as such. Checked where the email really arrives: the fake Resend server,
// through the real SDK and the real outbox.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emailMessages, pages } from "@/db/schema";
import { requestSubscription } from "@/services/subscriptions/subscribe";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { addConfirmedSubscribers, makeWorld, openIncident, type World } from "@/services/testing/notification-fixtures";
import { headerValue, headerValues } from "./headers";
import { createResendMailer } from "./send";

const CONTROL = /[\u0000-\u001f\u007f]/;
const OPTS = {
  publicUrl: "https://status.example.org",
  from: "Status <status@example.org>",
  retryPolicy: { baseMs: 20, maxMs: 200, maxAttempts: 5 },
};

describe("headerValue", () => {
  it("makes one line: breaks and tabs become a space, other controls go, spaces collapse", () => {
    expect(headerValue("Example\r\nBcc: attacker@example.net")).toBe("Example Bcc: attacker@example.net");
    expect(headerValue(" VPN\u0000 \u0001down\u000b\u001f\u007f\u0085now\u2028\tagain\r ")).toBe("VPN down now again");
    expect(headerValue("Caf\u00e9 \u{1F600} \u4e2d")).toBe("Caf\u00e9 \u{1F600} \u4e2d");
  });

  it("drops headers whose names are not field names", () => {
    expect(
      headerValues({ "List-Unsubscribe": "<https://x/u>\r\nBcc: y", "Bad\r\nName": "v", "With:Colon": "v" }),
    ).toEqual({ "List-Unsubscribe": "<https://x/u> Bcc: y" });
  });
});

describe("emails as they reach Resend", () => {
  let fake: FakeResend;
  let world: World;
  beforeAll(async () => {
    fake = await startFakeResend();
    fake.setRateLimit(0);
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.reset();
    world?.db.$client.close();
  });

  async function drain() {
    for (let i = 0; i < 20; i++) {
      const r = await runNotificationJobs(world.db, Date.now(), {
        mailer: createResendMailer("re_test", fake.url),
        ...OPTS,
      });
      if (r.nextDueAt === null) return;
      await new Promise((res) => setTimeout(res, 50));
    }
  }
  function expectCleanHeaders() {
    const emails = fake.emails();
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) {
      for (const value of [email.subject, email.from, ...email.to, ...Object.values(email.headers)])
        expect(value).not.toMatch(CONTROL);
    }
    return emails;
  }

  it("the confirmation email of a page whose name holds CR/LF has a one-line subject", async () => {
    world = makeWorld();
    world.db
      .update(pages)
      .set({ name: "Example IT\r\nBcc: attacker@example.net" })
      .where(eq(pages.id, world.pageId))
      .run();
    expect(requestSubscription(world.db, { email: "reader@example.org" }, "127.0.0.1").status).toBe("check-inbox");
    await drain();
    const [email] = expectCleanHeaders();
    expect(email.subject).toBe("Confirm your subscription to Example IT Bcc: attacker@example.net");
  });

  it("an incident notification keeps no control character of the incident's name", async () => {
    world = makeWorld();
    addConfirmedSubscribers(world, 2);
    openIncident(world, "Webmail\u0001 slow\u000b\r\nX-Injected: 1\u001f");
    await drain();
    const emails = expectCleanHeaders();
    expect(emails).toHaveLength(2);
    expect(emails[0].subject).toContain("Webmail slow X-Injected: 1");
    // The copy kept for Sent mail shows what was sent, not the raw name.
    const stored = world.db.select().from(emailMessages).all();
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row.subject).toContain("Webmail slow X-Injected: 1");
      expect(row.subject).not.toMatch(CONTROL);
    }
  });
});

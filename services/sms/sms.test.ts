import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { deliveries } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { smsSegments } from "@/core/sms-segments";
import { createIncident } from "@/services/incidents/incident-verbs";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { startFakeTwilio, type FakeTwilio } from "@/services/testing/fake-twilio";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS, requestSmsSubscription, SMS_LIMITS, verifySmsCode } from "./subscribe";
import { twilioSender } from "./twilio";
import { plain } from "./deliver";

let fake: FakeTwilio;
let world: World;
let editor: Actor;
let t: number;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
beforeEach(() => {
  fake.reset();
  world = useFreshAppDatabase();
  editor = addMember(world.db, "editor");
  t = Date.now();
});
afterAll(async () => {
  closeDb();
  await fake.close();
});

const sender = () =>
  twilioSender({ accountSid: fake.accountSid, authToken: fake.authToken, from: "+15005550006", baseUrl: fake.url });
const tick = () =>
  runNotificationJobs(world.db, (t += 1000), {
    mailer: null,
    sms: sender(),
    publicUrl: "https://status.example.org",
    retryPolicy: { baseMs: 10, maxMs: 10, maxAttempts: 3 },
  });
const to = (phone: string) => fake.messages().filter((m) => m.to === phone);
const incident = (name: string, status: "major_outage" | "degraded_performance", message = "We are on it.") =>
  createIncident(world.db, editor, { name, message, componentStatuses: { [world.webmail]: status } }, (t += 1000)).id;

async function subscribe(phone: string, extra: { allImpacts?: boolean } = {}) {
  const r = requestSmsSubscription(world.db, { phone, ...extra }, "10.2.0.1", (t += 1000));
  if (r.status !== "code-sent") throw new Error(`expected a code, got ${r.status}`);
  await tick();
  const code = to(phone.replace(/\s/g, ""))
    .at(-1)!
    .body.match(/code is (\d{6})/)![1];
  return { id: r.subscriberId, code };
}

describe("SMS subscriptions", () => {
  it("a code by SMS first; verified, the number gets major incidents in at most two segments with the link", async () => {
    const { id, code } = await subscribe("+49 170 1234567");
    expect(to("+491701234567")).toHaveLength(1);
    expect(getSubscriber(world.db, id)!.state).toBe("pending");
    // Nothing but the code before verification.
    incident("Webmail down", "major_outage");
    await tick();
    expect(to("+491701234567")).toHaveLength(1);

    expect(verifySmsCode(world.db, id, code, (t += 1000))).toBe("verified");
    const longText = "Everything is slow. ".repeat(40);
    const major = incident("Webmail down again", "major_outage", longText);
    await tick();
    const sms = to("+491701234567").at(-1)!;
    expect(sms.body).toMatch(/^Example IT: \[Investigating\] Webmail down again - Everything is slow/);
    expect(sms.body.endsWith(` https://status.example.org/i/${major}`)).toBe(true);
    expect(smsSegments(sms.body).segments).toBeLessThanOrEqual(2);
    expect(sms.numSegments).toBeLessThanOrEqual(2);

    incident("Webmail a bit slow", "degraded_performance");
    await tick();
    expect(to("+491701234567")).toHaveLength(2); // minor: not by default
  });

  it("a subscriber who widened SMS gets minor incidents too", async () => {
    const { id, code } = await subscribe("+491701111111", { allImpacts: true });
    verifySmsCode(world.db, id, code, (t += 1000));
    incident("Webmail a bit slow", "degraded_performance");
    await tick();
    expect(to("+491701111111").at(-1)!.body).toContain("Webmail a bit slow");
  });

  it("refuses numbers that are not E.164 or are premium-rate, per field", () => {
    expect(requestSmsSubscription(world.db, { phone: "0170 1234567" }, "10.2.0.1", t)).toMatchObject({
      status: "invalid",
      errors: { phone: [expect.stringMatching(/international format/)] },
    });
    expect(requestSmsSubscription(world.db, { phone: "+1 900 555 0100" }, "10.2.0.1", t)).toMatchObject({
      errors: { phone: [expect.stringMatching(/premium/)] },
    });
  });

  it("a wrong code, an expired code, and too many tries all fail; nothing is activated", async () => {
    const { id, code } = await subscribe("+491702222222");
    const wrong = code === "000000" ? "111111" : "000000";
    expect(verifySmsCode(world.db, id, wrong, t)).toBe("wrong");
    expect(verifySmsCode(world.db, id, "12ab", t)).toBe("wrong");
    for (let i = 2; i < MAX_CODE_ATTEMPTS; i++) verifySmsCode(world.db, id, wrong, t);
    expect(verifySmsCode(world.db, id, code, t)).toBe("too-many");
    expect(getSubscriber(world.db, id)!.state).toBe("pending");

    const second = await subscribe("+491703333333");
    expect(verifySmsCode(world.db, second.id, second.code, t + CODE_TTL_MS + 1)).toBe("expired");
    // An id that names nothing (the decoy an already-subscribed number gets) looks like a mistyped code.
    expect(verifySmsCode(world.db, "nosuchsubsc1", "123456", t)).toBe("wrong");
  });

  it("limits codes per number and per client address", () => {
    for (let i = 0; i < SMS_LIMITS.codesPerNumberPerHour; i++)
      expect(requestSmsSubscription(world.db, { phone: "+491704444444" }, `10.3.0.${i}`, t).status).toBe("code-sent");
    expect(requestSmsSubscription(world.db, { phone: "+491704444444" }, "10.3.0.99", t).status).toBe("too-many");
    for (let i = 0; i < SMS_LIMITS.codesPerIpPerHour; i++)
      requestSmsSubscription(world.db, { phone: `+4917055555${String(i).padStart(2, "0")}` }, "10.4.0.1", t);
    expect(requestSmsSubscription(world.db, { phone: "+491705555599" }, "10.4.0.1", t).status).toBe("too-many");
  });

  it("retries Twilio's 500s, and a number that replied STOP (21610) is unsubscribed", async () => {
    const a = await subscribe("+491706666666");
    verifySmsCode(world.db, a.id, a.code, (t += 1000));
    fake.failNext(1, "500");
    incident("Webmail down", "major_outage");
    await tick();
    await tick();
    expect(to("+491706666666")).toHaveLength(2);

    fake.markUnsubscribed("+491706666666");
    incident("Webmail down again", "major_outage");
    await tick();
    expect(getSubscriber(world.db, a.id)!.state).toBe("unsubscribed");
    const failed = world.db.select().from(deliveries).where(eq(deliveries.state, "failed")).all();
    expect(failed.at(-1)!.lastError).toContain("21610");
  });
});

describe("an update's Markdown in an SMS", () => {
  it("keeps the words and drops the markup, through the one Markdown parser", () => {
    expect(plain("**Mail** is _slow_; see [the status](https://example.org/x) and `smtp`.\n\n- one\n- two")).toBe(
      "Mail is slow; see the status and smtp. • one • two",
    );
    // Raw HTML is text under the one policy, not markup to strip.
    expect(plain("a <b>b</b>")).toBe("a <b>b</b>");
  });
});

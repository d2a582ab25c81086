// Twilio has no idempotency key: when the answer to a send is lost (the connection dropped after the request
// went out), the next attempt first asks Twilio's Messages list whether that text already went to that
// number, and counts it as sent if so. The real SDK against the fake Twilio on 127.0.0.1.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { deliveries } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { createIncident } from "@/services/incidents/incident-verbs";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { startFakeTwilio, type FakeTwilio } from "@/services/testing/fake-twilio";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { requestSmsSubscription, verifySmsCode } from "./subscribe";
import { twilioSender } from "./twilio";

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

const PHONE = "+491707777777";
const sender = () =>
  twilioSender({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    from: "+15005550006",
    baseUrl: fake.url,
    timeoutMs: 2000,
  });
/** One worker tick at a fixed time, 1 s after the last: a retry 10 ms later is due at the next tick only. */
const tick = () => {
  const now = (t += 1000);
  return runNotificationJobs(world.db, now, {
    clock: () => now,
    mailer: null,
    sms: sender(),
    publicUrl: "https://status.example.org",
    retryPolicy: { baseMs: 10, maxMs: 10, maxAttempts: 5 },
  });
};
const received = () => fake.messages().filter((m) => m.to === PHONE);
/** The latest SMS delivery (in insertion order: an index on the channel would list them by state). */
const smsDelivery = () =>
  world.db
    .select()
    .from(deliveries)
    .where(eq(deliveries.channel, "sms"))
    .orderBy(sql`rowid`)
    .all()
    .at(-1)!;

async function verifiedSubscriber() {
  const r = requestSmsSubscription(world.db, { phone: PHONE }, "10.2.0.1", (t += 1000));
  if (r.status !== "code-sent") throw new Error(r.status);
  await tick();
  const code = received()
    .at(-1)!
    .body.match(/code is (\d{6})/)![1];
  expect(verifySmsCode(world.db, r.subscriberId, code, (t += 1000))).toBe("verified");
  fake.reset();
}
const incident = () =>
  createIncident(
    world.db,
    editor,
    { name: "Webmail down", message: "We are on it.", componentStatuses: { [world.webmail]: "major_outage" } },
    (t += 1000),
  );

describe("a lost Twilio answer is not sent twice", () => {
  it("accepted, answer dropped: the retry finds it in Twilio's list and sends nothing more", async () => {
    await verifiedSubscriber();
    incident();
    fake.failNext(1, "accept-drop");
    await tick();
    expect(received()).toHaveLength(1);
    expect(smsDelivery()).toMatchObject({ state: "pending", lastStatusCode: null });

    await tick();
    expect(fake.listRequestCount()).toBe(1);
    expect(received()).toHaveLength(1);
    expect(smsDelivery().state).toBe("sent");
  });

  it("the verification code too: a lost answer does not send a second code", async () => {
    fake.failNext(1, "accept-drop");
    const r = requestSmsSubscription(world.db, { phone: PHONE }, "10.2.0.1", (t += 1000));
    expect(r.status).toBe("code-sent");
    await tick();
    await tick();
    expect(received()).toHaveLength(1);
    expect(smsDelivery().state).toBe("sent");
  });

  it("dropped before Twilio accepted it: the list has nothing, so it is sent once", async () => {
    await verifiedSubscriber();
    incident();
    fake.failNext(1, "drop");
    await tick();
    expect(received()).toHaveLength(0);
    await tick();
    expect(fake.listRequestCount()).toBe(1);
    expect(received()).toHaveLength(1);
    expect(smsDelivery().state).toBe("sent");
  });

  it("while the list cannot be read, nothing is sent; once it can, the message counts as sent", async () => {
    await verifiedSubscriber();
    incident();
    fake.failNext(1, "accept-drop");
    await tick();
    fake.failNextList(2);
    await tick();
    await tick();
    expect(received()).toHaveLength(1);
    expect(smsDelivery()).toMatchObject({ state: "pending" });
    expect(smsDelivery().lastError).toMatch(/could not check/i);
    await tick();
    expect(received()).toHaveLength(1);
    expect(smsDelivery().state).toBe("sent");
  });

  it("an answered failure (500) is retried without asking the list", async () => {
    await verifiedSubscriber();
    incident();
    fake.failNext(1, "500");
    await tick();
    await tick();
    expect(fake.listRequestCount()).toBe(0);
    expect(received()).toHaveLength(1);
  });
});

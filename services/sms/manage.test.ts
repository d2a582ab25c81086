// Managing an SMS subscription on the web: a code by SMS to the number, then a short-lived link. Unknown
// numbers get the same answer and no SMS; wrong, forged and expired codes and links fail. Fake Twilio on
// 127.0.0.1, the real SDK.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { getSubscriber, subscribedComponentIds } from "@/db/queries/subscribers";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { startFakeTwilio, type FakeTwilio } from "@/services/testing/fake-twilio";
import type { World } from "@/services/testing/notification-fixtures";
import {
  changeSmsSubscription,
  MANAGE_LINK_TTL_MS,
  MANAGE_WINDOW_MS,
  openSmsManageLink,
  requestSmsManageCode,
  verifySmsManageCode,
} from "./manage";
import { MAX_CODE_ATTEMPTS, requestSmsSubscription, SMS_LIMITS, verifySmsCode } from "./subscribe";
import { twilioSender } from "./twilio";

let fake: FakeTwilio;
let world: World;
let t: number;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
beforeEach(() => {
  fake.reset();
  world = useFreshAppDatabase();
  t = Date.now();
});
afterAll(async () => {
  closeDb();
  await fake.close();
});

const PHONE = "+491708880000";
const tick = () => {
  const now = (t += 1000);
  return runNotificationJobs(world.db, now, {
    clock: () => now,
    mailer: null,
    sms: twilioSender({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      from: "+15005550006",
      baseUrl: fake.url,
    }),
    publicUrl: "https://status.example.org",
  });
};
const to = (phone: string) => fake.messages().filter((m) => m.to === phone);
const lastCode = (phone: string) =>
  to(phone)
    .at(-1)!
    .body.match(/\b(\d{6})\b/)![1];

async function subscribed() {
  const r = requestSmsSubscription(world.db, { phone: PHONE }, "10.2.0.1", (t += 1000));
  if (r.status !== "code-sent") throw new Error(r.status);
  await tick();
  verifySmsCode(world.db, r.subscriberId, lastCode(PHONE), (t += 1000));
  return r.subscriberId;
}

describe("SMS manage flow", () => {
  it("code by SMS, then a link that changes the services and impacts, and unsubscribes", async () => {
    const id = await subscribed();
    const r = requestSmsManageCode(world.db, "+49 170 8880000", "10.3.0.1", (t += 1000));
    expect(r).toEqual({ status: "code-sent", ref: id });
    await tick();
    expect(to(PHONE).at(-1)!.body).toMatch(/^Example IT: your code to manage your SMS updates is \d{6}\./);
    const v = verifySmsManageCode(world.db, id, lastCode(PHONE), (t += 1000));
    if (v.status !== "ok") throw new Error(v.status);
    const link = openSmsManageLink(world.db, v.token, t);
    expect(link.status).toBe("ok");

    expect(
      changeSmsSubscription(world.db, id, { action: "save", scope: "some", componentIds: [], allImpacts: true }, t),
    ).toBe("choose-one");
    expect(
      changeSmsSubscription(
        world.db,
        id,
        { action: "save", scope: "some", componentIds: [world.webmail, "zzzzzzzzzzzz"], allImpacts: true },
        t,
      ),
    ).toBe("saved");
    expect(subscribedComponentIds(world.db, id)).toEqual([world.webmail]);
    expect(getSubscriber(world.db, id)).toMatchObject({ allComponents: false, smsAllImpacts: true });

    expect(changeSmsSubscription(world.db, id, { action: "unsubscribe" }, (t += 1000))).toBe("unsubscribed");
    expect(getSubscriber(world.db, id)!.state).toBe("unsubscribed");
    // The link dies with the subscription.
    expect(openSmsManageLink(world.db, v.token, t).status).toBe("expired");
  });

  it("an unknown number gets the same answer and no SMS; its reference accepts no code", async () => {
    const r = requestSmsManageCode(world.db, "+491709990000", "10.3.0.1", t);
    expect(r).toMatchObject({ status: "code-sent", ref: expect.stringMatching(/^[0-9a-z]{12}$/) });
    await tick();
    expect(fake.messages()).toHaveLength(0);
    if (r.status !== "code-sent") return;
    expect(verifySmsManageCode(world.db, r.ref, "123456", t)).toEqual({ status: "wrong" });
    expect(requestSmsManageCode(world.db, "0170 12", "10.3.0.1", t)).toMatchObject({ status: "invalid" });
  });

  it("wrong codes, too many tries, an expired code, too many codes", async () => {
    const id = await subscribed();
    requestSmsManageCode(world.db, PHONE, "10.3.0.1", (t += 1000));
    await tick();
    const code = lastCode(PHONE);
    const wrong = code === "000000" ? "111111" : "000000";
    expect(verifySmsManageCode(world.db, id, wrong, t)).toEqual({ status: "wrong" });
    expect(verifySmsManageCode(world.db, id, "12ab56", t)).toEqual({ status: "wrong" });
    for (let i = 2; i < MAX_CODE_ATTEMPTS; i++) verifySmsManageCode(world.db, id, wrong, t);
    expect(verifySmsManageCode(world.db, id, code, t)).toEqual({ status: "too-many" });
    // Two windows later the tries are counted afresh, and that code is no good any more.
    expect(verifySmsManageCode(world.db, id, code, t + 2 * MANAGE_WINDOW_MS + 1000)).toEqual({ status: "wrong" });

    for (let i = 0; i < SMS_LIMITS.codesPerNumberPerHour; i++) requestSmsManageCode(world.db, PHONE, `10.4.0.${i}`, t);
    expect(requestSmsManageCode(world.db, PHONE, "10.4.0.99", t)).toEqual({ status: "too-many" });
  });

  it("forged and expired links are refused", async () => {
    const id = await subscribed();
    requestSmsManageCode(world.db, PHONE, "10.3.0.1", (t += 1000));
    await tick();
    const v = verifySmsManageCode(world.db, id, lastCode(PHONE), t);
    if (v.status !== "ok") throw new Error(v.status);
    const [sid, exp, sig] = v.token.split(".");
    const later = (parseInt(exp, 36) + 60_000).toString(36);
    expect(openSmsManageLink(world.db, `${sid}.${later}.${sig}`, t).status).toBe("invalid");
    expect(openSmsManageLink(world.db, `${sid}.${exp}.${"A".repeat(32)}`, t).status).toBe("invalid");
    expect(openSmsManageLink(world.db, "nonsense", t).status).toBe("invalid");
    expect(openSmsManageLink(world.db, v.token, t + MANAGE_LINK_TTL_MS + 1).status).toBe("expired");
  });
});

// Following one incident by SMS: the code first, that incident's updates only (whatever its impact), the
// follow ends after the resolution; a number already subscribed is told so by SMS and the page answers the
// same. The real SDK against the fake Twilio on 127.0.0.1.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { subscribers } from "@/db/schema";
import type { Actor } from "@/core/actor";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { startFakeTwilio, type FakeTwilio } from "@/services/testing/fake-twilio";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { requestSmsFollow } from "./follow";
import { requestSmsSubscription, SMS_LIMITS, verifySmsCode } from "./subscribe";
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
    .body.match(/code is (\d{6})/)![1];
const incident = (name: string, status: "major_outage" | "degraded_performance" = "degraded_performance") =>
  createIncident(
    world.db,
    editor,
    { name, message: "Looking.", componentStatuses: { [world.webmail]: status } },
    (t += 1000),
  ).id;

async function follow(incidentId: string, phone: string, postmortem = false) {
  const r = requestSmsFollow(world.db, incidentId, { phone, postmortem }, "10.5.0.1", (t += 1000));
  if (r.status !== "code-sent") throw new Error(r.status);
  await tick();
  return r.subscriberId;
}

describe("following one incident by SMS", () => {
  it("code first; then that incident's updates only, even of minor impact; over after its resolution", async () => {
    const followed = incident("Webmail slow");
    const other = incident("Calendar slow");
    await tick();
    const id = await follow(followed, "+491701110000");
    expect(to("+491701110000")).toHaveLength(1);
    expect(verifySmsCode(world.db, id, lastCode("+491701110000"), (t += 1000))).toBe("verified");

    addIncidentUpdate(world.db, editor, followed, { status: "identified", message: "A full disk." }, (t += 1000));
    addIncidentUpdate(world.db, editor, other, { status: "identified", message: "Not this one." }, (t += 1000));
    await tick();
    const texts = () => to("+491701110000").map((m) => m.body);
    expect(texts()).toHaveLength(2);
    expect(texts()[1]).toMatch(/Webmail slow - A full disk\. https:\/\/status\.example\.org\/i\//);

    addIncidentUpdate(world.db, editor, followed, { status: "resolved", message: "Disk replaced." }, (t += 1000));
    await tick();
    expect(texts()).toHaveLength(3);
    expect(texts()[2]).toContain("Disk replaced.");
    await tick(); // the housekeeping ends the follow once its last message is out
    expect(getSubscriber(world.db, id)).toMatchObject({ state: "unsubscribed" });
    // Following again is refused: there is nothing left to follow.
    expect(requestSmsFollow(world.db, followed, { phone: "+491701110000" }, "10.5.0.1", (t += 1000)).status).toBe(
      "over",
    );
  });

  it("a number already subscribed to the service gets an SMS saying so; the page answers the same", async () => {
    const sub = requestSmsSubscription(world.db, { phone: "+491702220000" }, "10.6.0.1", (t += 1000));
    if (sub.status !== "code-sent") throw new Error(sub.status);
    await tick();
    verifySmsCode(world.db, sub.subscriberId, lastCode("+491702220000"), (t += 1000));
    const id = incident("Webmail down", "major_outage");
    await tick();
    expect(to("+491702220000")).toHaveLength(2);

    const r = requestSmsFollow(world.db, id, { phone: "+491702220000" }, "10.5.0.1", (t += 1000));
    const fresh = requestSmsFollow(world.db, id, { phone: "+491703330000" }, "10.5.0.1", (t += 1000));
    // Both are the code form with an id; nothing on the page tells the subscribed number apart.
    expect(r).toMatchObject({ status: "code-sent", subscriberId: expect.stringMatching(/^[0-9a-z]{12}$/) });
    expect(fresh).toMatchObject({ status: "code-sent", subscriberId: expect.stringMatching(/^[0-9a-z]{12}$/) });
    if (r.status !== "code-sent") return;
    expect(verifySmsCode(world.db, r.subscriberId, "123456", (t += 1000))).toBe("wrong");
    await tick();
    expect(to("+491702220000").at(-1)!.body).toBe(
      'Example IT: this number already gets SMS about "Webmail down". Reply STOP to unsubscribe.',
    );
    expect(to("+491703330000").at(-1)!.body).toMatch(/your code is \d{6}/);
    // No follow was made for the subscribed number.
    const rows = world.db.select().from(subscribers).where(eq(subscribers.phone, "+491702220000")).all();
    expect(rows).toHaveLength(1);
  });

  it("one SMS per number when it follows and its subscription covers the incident too", async () => {
    const id = incident("Webmail slow");
    await tick();
    const f = await follow(id, "+491704440000");
    verifySmsCode(world.db, f, lastCode("+491704440000"), (t += 1000));
    const sub = requestSmsSubscription(world.db, { phone: "+491704440000", allImpacts: true }, "10.6.0.1", (t += 1000));
    if (sub.status !== "code-sent") throw new Error(sub.status);
    await tick();
    verifySmsCode(world.db, sub.subscriberId, lastCode("+491704440000"), (t += 1000));
    const before = to("+491704440000").length;
    addIncidentUpdate(world.db, editor, id, { status: "identified", message: "Found it." }, (t += 1000));
    await tick();
    expect(to("+491704440000")).toHaveLength(before + 1);
  });

  it("refuses a bad number per field, an over incident, an unknown one, and too many codes", async () => {
    const id = incident("Webmail slow");
    expect(requestSmsFollow(world.db, id, { phone: "0170 123" }, "10.7.0.1", t)).toMatchObject({
      status: "invalid",
      errors: { phone: [expect.stringMatching(/international format/)] },
    });
    expect(requestSmsFollow(world.db, "zzzzzzzzzzzz", { phone: "+491705550000" }, "10.7.0.1", t).status).toBe(
      "not-found",
    );
    for (let i = 0; i < SMS_LIMITS.codesPerNumberPerHour; i++)
      expect(requestSmsFollow(world.db, id, { phone: "+491705550000" }, `10.8.0.${i}`, t).status).toBe("code-sent");
    expect(requestSmsFollow(world.db, id, { phone: "+491705550000" }, "10.8.0.99", t).status).toBe("too-many");
    addIncidentUpdate(world.db, editor, id, { status: "resolved", message: "Done." }, (t += 1000));
    expect(requestSmsFollow(world.db, id, { phone: "+491706660000" }, "10.7.0.2", (t += 1000)).status).toBe("over");
  });
});

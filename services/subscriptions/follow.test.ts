import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { incidentRecipientIds } from "@/db/queries/notifications";
import { getFollow, getSubscriber } from "@/db/queries/subscribers";
import { emailMessages, notifications } from "@/db/schema";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import type { Actor } from "@/core/actor";
import { addIncidentUpdate, createIncident, publishPostmortem } from "@/services/incidents/incident-verbs";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { ensureAppSecret } from "@/db/writes/page";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { requestFollow } from "./follow";
import { updatePreferences } from "./manage";
import { confirmSubscription, SUBSCRIBE_LIMITS } from "./subscribe";

let world: World;
let editor: Actor;
let incidentId: string;
let t: number;
beforeEach(() => {
  world = useFreshAppDatabase();
  editor = addMember(world.db, "editor");
  t = Date.now();
  incidentId = createIncident(
    world.db,
    editor,
    { name: "Webmail down", message: "Looking into it", componentStatuses: { [world.webmail]: "major_outage" } },
    t,
  ).id;
});
afterAll(() => closeDb());

const tick = () =>
  runNotificationJobs(world.db, (t += 1000), { mailer: null, publicUrl: "https://status.example.org" });
const mailTo = (address: string) =>
  world.db.select().from(emailMessages).where(eq(emailMessages.toAddress, address.toLowerCase())).all();
const post = (status: "identified" | "resolved", message: string) =>
  addIncidentUpdate(world.db, editor, incidentId, { status, message, componentStatuses: {} }, (t += 1000));

/** Follows, reads the confirmation email the worker wrote and presses Confirm. */
async function follow(email: string, postmortem = false) {
  expect(requestFollow(world.db, incidentId, { email, postmortem }, "10.0.0.9", (t += 1000))).toEqual({
    status: "check-inbox",
  });
  await tick();
  const confirmation = mailTo(email).at(-1)!;
  expect(confirmation.subject).toBe('Confirm: updates on "Webmail down" from Example IT');
  const token = confirmation.text.match(/\/subscribe\/confirm\/(\S+)/)![1];
  expect(confirmSubscription(world.db, token, (t += 1000))).toBe(true);
  return getFollow(world.db, world.pageId, email, incidentId)!;
}

describe("following one incident", () => {
  it("confirmed opt-in; then that incident's updates only, and nothing after its resolution", async () => {
    await tick(); // the incident's own first notification, before anyone follows
    const follower = await follow("Follower@Example.com");
    expect(follower).toMatchObject({ state: "active", allComponents: false, followIncidentId: incidentId });

    post("identified", "Found it");
    await tick();
    expect(mailTo("follower@example.com").map((m) => m.subject)).toHaveLength(2);

    // Another incident on the same service reaches page subscribers, not this follower.
    createIncident(
      world.db,
      editor,
      { name: "Webmail slow", message: "Slow", componentStatuses: { [world.webmail]: "degraded_performance" } },
      (t += 1000),
    );
    await tick();
    expect(mailTo("follower@example.com")).toHaveLength(2);

    post("resolved", "Fixed");
    await tick();
    const subjects = mailTo("follower@example.com").map((m) => m.subject);
    expect(subjects).toHaveLength(3);
    expect(subjects[2]).toMatch(/Resolved/i);
    await tick(); // the housekeeping, once the last message is out
    expect(getSubscriber(world.db, follower.id)!.state).toBe("unsubscribed");

    publishPostmortem(world.db, editor, incidentId, { notify: true, body: "What happened" }, (t += 1000));
    await tick();
    expect(mailTo("follower@example.com")).toHaveLength(3);
  });

  it("a follow that asked for the postmortem gets it, and ends with it", async () => {
    const follower = await follow("pm@example.com", true);
    post("resolved", "Fixed");
    await tick();
    expect(getSubscriber(world.db, follower.id)!.state).toBe("active");
    publishPostmortem(world.db, editor, incidentId, { notify: true, body: "What happened" }, (t += 1000));
    await tick();
    expect(mailTo("pm@example.com").at(-1)!.text).toContain("The postmortem for this incident is published.");
    await tick();
    expect(getSubscriber(world.db, follower.id)!.state).toBe("unsubscribed");
  });

  it("an incident resolved without telling anyone still ends its follows", async () => {
    const follower = await follow("quiet@example.com");
    addIncidentUpdate(
      world.db,
      editor,
      incidentId,
      { status: "resolved", message: "Fixed", componentStatuses: {}, notify: false },
      (t += 1000),
    );
    await tick();
    await tick();
    expect(getSubscriber(world.db, follower.id)!.state).toBe("unsubscribed");
  });

  it("someone following and also subscribed to the service gets one email per update, not two", async () => {
    const follower = await follow("both@example.com");
    const page = insertEmailSubscriber(world.db, {
      pageId: world.pageId,
      email: "both@example.com",
      state: "active",
      componentIds: [world.webmail],
      at: t,
    });
    const recipients = incidentRecipientIds(world.db, world.pageId, incidentId);
    expect(recipients).toContain(page);
    expect(recipients).not.toContain(follower.id);
    const before = mailTo("both@example.com").length;
    post("identified", "Found it");
    await tick();
    expect(mailTo("both@example.com")).toHaveLength(before + 1);
  });

  it("an address already subscribed to the incident's services is told so by email instead of a second subscription", async () => {
    insertEmailSubscriber(world.db, { pageId: world.pageId, email: "sub@example.com", state: "active", at: t });
    expect(requestFollow(world.db, incidentId, { email: "sub@example.com" }, "10.0.0.9", t)).toEqual({
      status: "check-inbox",
    });
    expect(getFollow(world.db, world.pageId, "sub@example.com", incidentId)).toBeUndefined();
    await tick();
    const told = mailTo("sub@example.com").find((m) => /Manage your subscription/.test(m.subject))!;
    expect(told.text).toContain('You asked to follow "Webmail down"');
  });

  it("a page subscription to other services does not count: that address can follow", async () => {
    insertEmailSubscriber(world.db, {
      pageId: world.pageId,
      email: "vpn@example.com",
      state: "active",
      componentIds: [world.vpn],
      at: t,
    });
    const follower = await follow("vpn@example.com");
    expect(incidentRecipientIds(world.db, world.pageId, incidentId)).toContain(follower.id);
  });

  it("refuses bad input per field, unknown incidents, finished ones, and bots quietly", () => {
    const bad = requestFollow(world.db, incidentId, { email: "not an address" }, "10.0.0.9", t);
    expect(bad).toMatchObject({ status: "invalid", errors: { email: [expect.stringMatching(/valid email/)] } });
    expect(requestFollow(world.db, "nosuchincid1", { email: "a@example.com" }, "10.0.0.9", t)).toEqual({
      status: "not-found",
    });
    expect(requestFollow(world.db, incidentId, { email: "bot@example.com", website: "x" }, "10.0.0.9", t)).toEqual({
      status: "check-inbox",
    });
    expect(getFollow(world.db, world.pageId, "bot@example.com", incidentId)).toBeUndefined();
    post("resolved", "Fixed");
    expect(requestFollow(world.db, incidentId, { email: "late@example.com" }, "10.0.0.9", t)).toEqual({
      status: "over",
    });
    // Only the postmortem is left to follow.
    expect(requestFollow(world.db, incidentId, { email: "late@example.com", postmortem: true }, "10.0.0.9", t)).toEqual(
      { status: "check-inbox" },
    );
  });

  it("the manage link cannot turn a follow into a page subscription", async () => {
    const follower = await follow("keep@example.com");
    const token = signSubscriberToken(ensureAppSecret(world.db, t), "manage", follower.id, follower.tokenVersion);
    expect(updatePreferences(world.db, token, { scope: "all", componentIds: [] })).toMatchObject({ ok: false });
    expect(getSubscriber(world.db, follower.id)).toMatchObject({ allComponents: false, followIncidentId: incidentId });
  });

  it("shares the subscribe form's per-address limit", () => {
    for (let i = 0; i < SUBSCRIBE_LIMITS.perIpPerHour; i++)
      requestFollow(world.db, incidentId, { email: `p${i}@example.com` }, "10.0.0.7", t);
    expect(requestFollow(world.db, incidentId, { email: "one-more@example.com" }, "10.0.0.7", t)).toEqual({
      status: "too-many",
    });
    expect(
      world.db.select().from(notifications).where(eq(notifications.kind, "subscription_confirm")).all(),
    ).toHaveLength(SUBSCRIBE_LIMITS.perIpPerHour);
  });
});

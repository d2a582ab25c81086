import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { getEmailSubscriberByAddress, getSubscriber, subscribedComponentIds } from "@/db/queries/subscribers";
import { emailMessages, notifications } from "@/db/schema";
import { ensureAppSecret } from "@/db/writes/page";
import { expireUnconfirmed, suppressSubscriber } from "@/db/writes/subscribers";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { confirmationToken } from "@/services/notifications/tokens";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { CONFIRMATION_TTL_MS, confirmSubscription, requestSubscription, SUBSCRIBE_LIMITS } from "./subscribe";

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
});
afterAll(() => closeDb());

const now = Date.UTC(2026, 10, 23, 16);
const sent = (kind: string) =>
  world.db
    .select()
    .from(notifications)
    .where(eq(notifications.kind, kind as "subscription_confirm"))
    .all();
/** The token the confirmation email carries: derived from the sign-up, never stored (the payload is empty). */
const confirmToken = () => {
  const notification = sent("subscription_confirm").at(-1)!;
  expect(notification.payload).toBeNull();
  const subscriber = getSubscriber(world.db, notification.subscriberId!)!;
  return confirmationToken(ensureAppSecret(world.db, now), subscriber.id, subscriber.confirmationSentAt!);
};

describe("requestSubscription", () => {
  it("stores no confirmation secret: the worker derives the link, and the link in the email confirms", async () => {
    requestSubscription(world.db, { email: "link@example.com" }, "10.0.0.1", now);
    const pending = getEmailSubscriberByAddress(world.db, world.pageId, "link@example.com")!;
    expect(sent("subscription_confirm").at(-1)!.payload).toBeNull();
    await runNotificationJobs(world.db, now + 10, { mailer: null, publicUrl: "https://status.example.org" });
    const email = world.db.select().from(emailMessages).get()!;
    const token = email.text.match(/\/subscribe\/confirm\/(\S+)/)![1];
    expect(email.html).toContain(`/subscribe/confirm/${token}`);
    expect(pending.confirmTokenHash).not.toContain(token.split(".")[1]);
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(confirmSubscription(world.db, tampered, now + 100)).toBe(false);
    expect(confirmSubscription(world.db, token, now + 100)).toBe(true);
  });

  it("creates a pending subscriber and a confirmation; confirming (POST) activates it", () => {
    expect(
      requestSubscription(
        world.db,
        { email: " Reader@Example.COM ", scope: "some", componentIds: [world.vpn] },
        "10.0.0.1",
        now,
      ),
    ).toEqual({ status: "check-inbox" });
    const pending = getEmailSubscriberByAddress(world.db, world.pageId, "reader@example.com")!;
    expect(pending).toMatchObject({
      state: "pending",
      allComponents: false,
      confirmationExpiresAt: now + CONFIRMATION_TTL_MS,
    });
    expect(subscribedComponentIds(world.db, pending.id)).toEqual([world.vpn]);
    expect(pending.confirmTokenHash).not.toContain(confirmToken().split(".")[1]);
    expect(confirmSubscription(world.db, confirmToken(), now + 1000)).toBe(true);
    expect(getSubscriber(world.db, pending.id)).toMatchObject({
      state: "active",
      confirmedAt: now + 1000,
      tokenVersion: 2,
    });
    expect(confirmSubscription(world.db, confirmToken(), now + 2000)).toBe(false);
  });

  it("answers a repeat sign-up exactly like a new one, without a second confirmation while pending", () => {
    const first = requestSubscription(world.db, { email: "a@example.com" }, "10.0.0.1", now);
    const again = requestSubscription(world.db, { email: "a@example.com" }, "10.0.0.2", now + 1);
    expect(again).toEqual(first);
    expect(sent("subscription_confirm")).toHaveLength(1);
  });

  it("sends a confirmed address a manage link instead", () => {
    requestSubscription(world.db, { email: "a@example.com" }, "10.0.0.1", now);
    confirmSubscription(world.db, confirmToken(), now);
    expect(requestSubscription(world.db, { email: "a@example.com" }, "10.0.0.1", now + 1)).toEqual({
      status: "check-inbox",
    });
    expect(sent("subscription_manage_link")).toHaveLength(1);
    expect(sent("subscription_confirm")).toHaveLength(1);
  });

  it("lets a suppressed address sign up again, staying suppressed until it confirms", () => {
    requestSubscription(world.db, { email: "a@example.com" }, "10.0.0.1", now);
    confirmSubscription(world.db, confirmToken(), now);
    const id = getEmailSubscriberByAddress(world.db, world.pageId, "a@example.com")!.id;
    suppressSubscriber(world.db, id, "bounce", now + 1);
    requestSubscription(world.db, { email: "a@example.com" }, "10.0.0.1", now + 2);
    expect(getSubscriber(world.db, id)).toMatchObject({ state: "pending", suppressedAt: now + 1 });
    expireUnconfirmed(world.db, now + 2 + CONFIRMATION_TTL_MS + 1);
    expect(getSubscriber(world.db, id)).toMatchObject({ state: "suppressed" });
  });

  it("expires unconfirmed sign-ups after 48 hours", () => {
    requestSubscription(world.db, { email: "late@example.com" }, "10.0.0.1", now);
    const token = confirmToken();
    expect(confirmSubscription(world.db, token, now + CONFIRMATION_TTL_MS + 1)).toBe(false);
    expireUnconfirmed(world.db, now + CONFIRMATION_TTL_MS + 1);
    expect(getEmailSubscriberByAddress(world.db, world.pageId, "late@example.com")).toBeUndefined();
  });

  it("rejects invalid and huge input with field errors, and ignores the honeypot", () => {
    for (const email of ["not-an-email", "", "a@", `${"x".repeat(300)}@example.com`]) {
      const r = requestSubscription(world.db, { email }, "10.0.0.1", now);
      expect(r).toMatchObject({ status: "invalid", errors: { email: [expect.any(String)] } });
    }
    expect(
      requestSubscription(world.db, { email: "a@example.com", scope: "some", componentIds: [] }, "10.0.0.1", now),
    ).toMatchObject({ status: "invalid" });
    expect(
      requestSubscription(world.db, { email: "a@example.com", componentIds: ["../../etc"] }, "10.0.0.1", now),
    ).toMatchObject({ status: "invalid" });
    expect(
      requestSubscription(world.db, { email: "bot@example.com", website: "http://spam" }, "10.0.0.1", now),
    ).toEqual({ status: "check-inbox" });
    expect(getEmailSubscriberByAddress(world.db, world.pageId, "bot@example.com")).toBeUndefined();
  });

  it("limits sign-ups per IP for an hour", () => {
    for (let i = 0; i < SUBSCRIBE_LIMITS.perIpPerHour; i++)
      requestSubscription(world.db, { email: `u${i}@example.com` }, "10.0.0.9", now);
    expect(requestSubscription(world.db, { email: "one-more@example.com" }, "10.0.0.9", now)).toEqual({
      status: "too-many",
    });
    expect(requestSubscription(world.db, { email: "one-more@example.com" }, "10.0.0.9", now + 3_600_001)).toEqual({
      status: "check-inbox",
    });
  });

  it("rejects unknown, tampered and malformed confirmation tokens", () => {
    requestSubscription(world.db, { email: "a@example.com" }, "10.0.0.1", now);
    const token = confirmToken();
    // Tampered: the last character changed (to a different one, whatever it was).
    const tampered = token.slice(0, -1) + (token.endsWith("x") ? "y" : "x");
    for (const bad of [tampered, "abcdefghijkl.nope", "nonsense", "x".repeat(10_000)]) {
      expect(confirmSubscription(world.db, bad, now)).toBe(false);
    }
    expect(getEmailSubscriberByAddress(world.db, world.pageId, "a@example.com")!.state).toBe("pending");
  });
});

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { deliveries, emailMessages } from "@/db/schema";
import { enqueueNotification, writeFanOut } from "@/db/writes/outbox";
import { recordDeliveryFailure } from "@/db/writes/outbox-results";
import { storeRenderedEmails } from "@/db/writes/outbox-emails";
import { claimDueDelivery } from "@/db/writes/outbox-claim";
import { addIncident, emptyPage, expectDomainError, T0 } from "@/services/testing/scenario";
import {
  notificationDetail,
  notificationsPage,
  SENT_MAIL_PAGE_SIZE,
  sentMailDetail,
  sentMailFilterSchema,
  sentMailPage,
} from "./sent-mail";

let db: Db;
afterEach(() => db?.$client.close());

const admin = { role: "admin" as const };
const owner = { role: "owner" as const };
const editor = { role: "editor" as const };

/** A notification fanned out to `addresses.length` recipients in one chunk, its emails rendered at `at`. */
function sent(
  pageId: string,
  addresses: string[],
  at: number,
  options: { incidentId?: string; subject?: string } = {},
) {
  const notificationId = db.transaction((tx) =>
    enqueueNotification(tx, {
      pageId,
      kind: options.incidentId ? "incident_created" : "subscription_manage_link",
      incidentId: options.incidentId ?? null,
      at,
    }),
  );
  writeFanOut(
    db,
    notificationId,
    [addresses.map((_, i) => `subscriber${String(i).padStart(3, "0")}`.slice(0, 12))],
    at,
  );
  const delivery = db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId)).get()!;
  storeRenderedEmails(
    db,
    delivery.id,
    addresses.map((to) => ({
      toAddress: to,
      fromAddress: "Status <status@example.com>",
      subject: options.subject ?? `Hello ${to}`,
      html: `<p>Hi ${to}</p>`,
      text: `Hi ${to}`,
      headers: { "List-Unsubscribe": "<https://status.example.org/unsubscribe/x>" },
    })),
    at,
  );
  return { notificationId, deliveryId: delivery.id };
}

function setup() {
  const world = emptyPage();
  db = world.db;
  return world.pageId;
}

describe("sentMailPage", () => {
  it("lists emails newest first, filters by state and by part of the address or subject", () => {
    const pageId = setup();
    sent(pageId, ["ada@example.org"], T0, { subject: "Confirm your subscription" });
    const later = sent(pageId, ["bob@example.org", "cy_100%@example.org"], T0 + 1000, {
      subject: "[Investigating] Webmail",
    });
    db.update(emailMessages).set({ state: "bounced" }).where(eq(emailMessages.toAddress, "bob@example.org")).run();

    const all = sentMailPage(db, admin, {}).emails;
    expect(all.map((e) => e.toAddress)).toEqual(expect.arrayContaining(["bob@example.org", "cy_100%@example.org"]));
    expect(all.at(-1)!.toAddress).toBe("ada@example.org");
    expect(all[0].kind).toBe("subscription_manage_link");
    expect(all[0].notificationId).toBe(later.notificationId);

    expect(sentMailPage(db, admin, { state: "bounced" }).emails.map((e) => e.toAddress)).toEqual(["bob@example.org"]);
    expect(sentMailPage(db, admin, { q: "ADA@" }).emails.map((e) => e.toAddress)).toEqual(["ada@example.org"]);
    expect(sentMailPage(db, admin, { q: "webmail" }).emails).toHaveLength(2);
    expect(sentMailPage(db, admin, { q: "_100%" }).emails.map((e) => e.toAddress)).toEqual(["cy_100%@example.org"]);
    expect(sentMailPage(db, admin, { q: "%" }).emails.map((e) => e.toAddress)).toEqual(["cy_100%@example.org"]);
    expect(sentMailPage(db, admin, { q: "nobody" }).emails).toEqual([]);
  });

  it("pages by cursor without skipping or repeating an email, even at the same millisecond", () => {
    const pageId = setup();
    const addresses = Array.from({ length: SENT_MAIL_PAGE_SIZE + 7 }, (_, i) => `p${i}@example.org`);
    sent(pageId, addresses, T0);
    const first = sentMailPage(db, owner, {});
    expect(first.emails).toHaveLength(SENT_MAIL_PAGE_SIZE);
    expect(first.olderCursor).not.toBeNull();
    const second = sentMailPage(db, owner, { before: first.olderCursor! });
    expect(second.emails).toHaveLength(7);
    expect(second.olderCursor).toBeNull();
    const seen = [...first.emails, ...second.emails].map((e) => e.toAddress);
    expect(new Set(seen).size).toBe(addresses.length);
  });

  it("reads bad filters as no filter", () => {
    expect(sentMailFilterSchema.parse({ state: "exploded", q: "x".repeat(300), before: "../../etc" })).toEqual({});
    expect(sentMailFilterSchema.parse({ state: "bounced", q: " ada ", before: "abcdefghijkl" })).toEqual({
      state: "bounced",
      q: "ada",
      before: "abcdefghijkl",
    });
  });

  it("is refused to an editor", () => {
    setup();
    expectDomainError(() => sentMailPage(db, editor, {}), "forbidden");
    expectDomainError(() => sentMailDetail(db, editor, "abcdefghijkl"), "forbidden");
    expectDomainError(() => notificationsPage(db, editor), "forbidden");
    expectDomainError(() => notificationDetail(db, editor, "abcdefghijkl"), "forbidden");
  });
});

describe("sentMailDetail", () => {
  it("shows one email in full with its notification, and not_found for an unknown or malformed id", () => {
    const pageId = setup();
    const { notificationId } = sent(pageId, ["ada@example.org"], T0);
    const id = db.select().from(emailMessages).get()!.id;
    const detail = sentMailDetail(db, admin, id);
    expect(detail.message).toMatchObject({
      toAddress: "ada@example.org",
      html: "<p>Hi ada@example.org</p>",
      text: "Hi ada@example.org",
    });
    expect(detail.message.headers["List-Unsubscribe"]).toContain("/unsubscribe/");
    expect(detail.notification?.id).toBe(notificationId);
    expect(detail.bodyRemoved).toBe(false);
    expectDomainError(() => sentMailDetail(db, admin, "zzzzzzzzzzzz"), "not_found");
    expectDomainError(() => sentMailDetail(db, admin, "not an id"), "not_found");
  });
});

describe("notifications", () => {
  it("summarise recipients, batches and email states, with the last error and its status code", () => {
    const pageId = setup();
    const incidentId = addIncident(db, pageId, {
      name: "Webmail slow",
      start: T0 - 60_000,
      steps: [{ status: "investigating" }],
    });
    const ok = sent(pageId, ["a@example.org", "b@example.org"], T0, { incidentId });
    db.update(emailMessages).set({ state: "delivered" }).where(eq(emailMessages.toAddress, "a@example.org")).run();
    db.update(emailMessages).set({ state: "bounced" }).where(eq(emailMessages.toAddress, "b@example.org")).run();
    const bad = sent(pageId, ["c@example.org"], T0 + 1000);
    const claimed = claimDueDelivery(db, "w", T0 + 2000, 60_000)!;
    expect(claimed.id).toBe(ok.deliveryId);
    const claimedBad = claimDueDelivery(db, "w", T0 + 2000, 60_000)!;
    recordDeliveryFailure(db, claimedBad, "w", T0 + 2000, {
      state: "failed",
      nextAttemptAt: T0 + 2000,
      countsAsAttempt: true,
      error: "422 validation_error: Invalid `from`",
      statusCode: 422,
    });

    const { notifications, olderCursor } = notificationsPage(db, admin);
    expect(olderCursor).toBeNull();
    expect(notifications.map((n) => n.id)).toEqual([bad.notificationId, ok.notificationId]);
    const [failed, fine] = notifications;
    expect(failed).toMatchObject({
      recipients: 1,
      chunks: { failed: 1 },
      emails: { failed: 1 },
      lastError: { statusCode: 422, state: "failed" },
    });
    expect(fine).toMatchObject({
      recipients: 2,
      chunks: { sending: 1 },
      emails: { delivered: 1, bounced: 1 },
      lastError: null,
      incident: { id: incidentId, name: "Webmail slow", kind: "incident" },
    });

    const detail = notificationDetail(db, admin, bad.notificationId);
    expect(detail.chunks).toEqual([
      expect.objectContaining({
        chunk: 0,
        state: "failed",
        recipients: 1,
        attempts: 1,
        lastStatusCode: 422,
        lastError: expect.stringContaining("validation_error"),
      }),
    ]);
    expectDomainError(() => notificationDetail(db, admin, "zzzzzzzzzzzz"), "not_found");
    expectDomainError(() => notificationDetail(db, admin, "<script>"), "not_found");
    // An unreadable cursor is ignored: the first page again.
    expect(notificationsPage(db, admin, "nonsense").notifications).toHaveLength(2);
    expect(notificationsPage(db, admin, ok.notificationId).notifications).toEqual([]);
  });
});

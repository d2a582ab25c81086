import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { deliveries, emailMessages } from "@/db/schema";
import { enqueueNotification, writeFanOut } from "@/db/writes/outbox";
import { storeRenderedEmails } from "@/db/writes/outbox-emails";
import { sentMailDetail, notificationsPage } from "@/services/console/sent-mail";
import { emptyPage } from "@/services/testing/scenario";
import { DAY, HOUR } from "@/core/time";
import { SCHEDULED_JOBS } from "./background";
import { runEmailRetention } from "./email-retention";

let db: Db;
afterEach(() => db?.$client.close());

const now = Date.UTC(2026, 10, 23, 12);

/** One delivery of `count` emails rendered at `at`, in the given state. */
function emails(pageId: string, at: number, state: "queued" | "sent" | "delivered", count = 1) {
  const notificationId = db.transaction((tx) =>
    enqueueNotification(tx, { pageId, kind: "subscription_manage_link", at }),
  );
  writeFanOut(db, notificationId, [Array.from({ length: count }, (_, i) => `s${i}`)], at);
  const delivery = db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId)).get()!;
  const rows = Array.from({ length: count }, (_, i) => ({
    toAddress: `r${i}-${at}@example.org`,
    fromAddress: "s@example.com",
    subject: "Hello",
    html: "<p>x</p>".repeat(100),
    text: "x".repeat(100),
    headers: { "List-Unsubscribe": "<https://status.example.org/unsubscribe/secret>" },
    state,
  }));
  storeRenderedEmails(db, delivery.id, rows, at);
  return db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.deliveryId, delivery.id))
    .all()
    .map((m) => m.id);
}

describe("email retention", () => {
  it("empties bodies and headers of sent emails past the period, keeps the row, its state and the counts", () => {
    const world = emptyPage();
    db = world.db;
    const pageId = world.pageId;
    const [old] = emails(pageId, now - 31 * DAY, "delivered");
    const [oldQueued] = emails(pageId, now - 31 * DAY, "queued");
    const [recent] = emails(pageId, now - 29 * DAY, "sent");

    expect(runEmailRetention(db, now, 30)).toBe(1);
    const row = (id: string) => db.select().from(emailMessages).where(eq(emailMessages.id, id)).get()!;
    expect(row(old)).toMatchObject({
      html: "",
      text: "",
      headers: {},
      state: "delivered",
      subject: "Hello",
      toAddress: expect.stringContaining("@example.org"),
    });
    expect(row(oldQueued).html).not.toBe(""); // may still be sent, byte for byte
    expect(row(recent).html).not.toBe("");
    expect(sentMailDetail(db, { role: "admin" }, old).bodyRemoved).toBe(true);
    expect(sentMailDetail(db, { role: "admin" }, recent).bodyRemoved).toBe(false);
    expect(notificationsPage(db, { role: "admin" }).notifications.flatMap((n) => Object.entries(n.emails))).toEqual(
      expect.arrayContaining([
        ["delivered", 1],
        ["queued", 1],
        ["sent", 1],
      ]),
    );
  });

  it("runs at most once an hour, and clears a large backlog in batches", () => {
    const world = emptyPage();
    db = world.db;
    const pageId = world.pageId;
    emails(pageId, now - 40 * DAY, "sent", 1200);
    expect(runEmailRetention(db, now, 30)).toBe(1200);
    emails(pageId, now - 40 * DAY, "sent", 3);
    expect(runEmailRetention(db, now + HOUR - 1, 30)).toBe(0);
    expect(runEmailRetention(db, now + HOUR, 30)).toBe(3);
    expect(
      db
        .select()
        .from(emailMessages)
        .all()
        .every((m) => m.html === ""),
    ).toBe(true);
  });

  it("is one of the scheduled background jobs", () => {
    expect(SCHEDULED_JOBS.map((j) => j.name)).toContain("email retention");
  });
});

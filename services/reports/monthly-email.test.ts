// "This month in IT" through the real pipeline: the job queues last month's figures once, the outbox sends
// them with the real Resend SDK to the fake Resend server: the team members who opted in get the console's
// figures and link, the subscribers who chose it get the public audience's figures with their own links.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, notifications, pages, subscribers } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { setSubscriberMonthlyReport } from "@/db/writes/service-report";
import { MINUTE } from "@/core/time";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { addConfirmedSubscribers, makeWorld, type World } from "@/services/testing/notification-fixtures";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { ensureAppSecret } from "@/db/writes/page";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { queueMonthlyReports } from "./monthly-email";
import { setMonthlyReportByManageToken } from "./monthly-optin";
import { setOwnMonthlyReportEmail, setReportPublic } from "./report-settings";

const OPTS = { publicUrl: "http://127.0.0.1:3360", from: "Status <status@example.org>" };
const T = Date.UTC(2026, 10, 10, 9);
const december = Date.UTC(2026, 11, 1, 0, 5);
const system = { type: "system" as const, label: "automation" as const };

let fake: FakeResend;
let world: World;
let db: Db;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(0);
  world = makeWorld();
  db = world.db;
});
afterEach(() => db.$client.close());

const send = (at: number) => runNotificationJobs(db, at, { mailer: createResendMailer("re_test", fake.url), ...OPTS });

function november() {
  // VPN is internal on a mixed page: its 60-minute outage is the team's business only.
  db.update(pages).set({ visibility: "mixed" }).run();
  db.update(components).set({ visibility: "internal" }).where(eq(components.id, world.vpn)).run();
  for (const [name, id, minutes] of [
    ["Mail down", world.webmail, 30],
    ["VPN down", world.vpn, 60],
  ] as const) {
    const i = createIncident(
      db,
      system,
      { name, status: "investigating", message: "x", componentStatuses: { [id]: "major_outage" }, notify: false },
      T,
    );
    addIncidentUpdate(db, system, i.id, { status: "resolved", message: "ok", notify: false }, T + minutes * MINUTE);
  }
}

describe("the monthly email", () => {
  it("goes once to the members and subscribers who asked, each with their audience's figures", async () => {
    november();
    const userId = insertUser(db, { email: "ada@example.org", passwordHash: "x", role: "owner", at: 1 });
    insertUser(db, { email: "quiet@example.org", passwordHash: "x", role: "editor", at: 1 });
    setOwnMonthlyReportEmail(db, { type: "user", userId, label: "ada", role: "owner" }, true, 1);
    const [reader] = addConfirmedSubscribers(world, 2, "reader");
    setSubscriberMonthlyReport(db, reader, true, 1);
    setReportPublic(db, system, true, 1);

    expect(queueMonthlyReports(db, december)).toBe(2);
    expect(queueMonthlyReports(db, december + 5_000)).toBe(0); // once per month
    await send(december + 10_000);
    await send(december + 20_000);
    const sent = fake.emails();
    expect(
      sent
        .map((e) => e.to)
        .flat()
        .sort(),
    ).toEqual(["ada@example.org", "reader0@example.com"]);
    expect(sent.every((e) => e.subject === "This month in IT: November 2026")).toBe(true);

    const team = sent.find((e) => e.to.includes("ada@example.org"))!;
    // Both incidents; 90 minutes of major outage over 2 × 43,200: availability 1 - 90/86,400 = 99.895%.
    expect(team.text).toContain("Incidents: 2");
    expect(team.text).toContain("99.895%");
    expect(team.html).toContain("http://127.0.0.1:3360/admin/report?period=2026-11");

    const pub = sent.find((e) => e.to.includes("reader0@example.com"))!;
    // Webmail only: 30 minutes in 43,200: 99.930%.
    expect(pub.text).toContain("Incidents: 1");
    expect(pub.text).toContain("99.93%");
    expect(pub.text).not.toContain("VPN");
    expect(pub.html).toContain("/report?period=2026-11");
    expect(pub.html).toMatch(/\/manage\/[\w.-]{20,}/);
    expect(pub.html).not.toContain("xxmanagetokenxx");

    // A later tick of the same month queues nothing more, so nothing more is sent.
    queueMonthlyReports(db, december + 60_000);
    await send(december + 70_000);
    expect(fake.emails()).toHaveLength(2);
    expect(db.select().from(notifications).where(eq(notifications.kind, "monthly_report")).all()).toHaveLength(1);
  });

  it("reaches each subscriber in their language: German, Arabic (right to left) and English", async () => {
    november();
    const [de, ar, en, de2] = addConfirmedSubscribers(world, 4, "reader");
    db.update(subscribers).set({ language: "de" }).where(eq(subscribers.id, de)).run();
    db.update(subscribers).set({ language: "de" }).where(eq(subscribers.id, de2)).run();
    db.update(subscribers).set({ language: "ar" }).where(eq(subscribers.id, ar)).run();
    for (const id of [de, ar, en, de2]) setSubscriberMonthlyReport(db, id, true, 1);
    setReportPublic(db, system, true, 1);

    expect(queueMonthlyReports(db, december)).toBe(1);
    await send(december + 10_000);
    await send(december + 20_000);
    const sent = fake.emails();
    expect(sent).toHaveLength(4);
    const to = (address: string) => sent.find((e) => e.to.includes(address))!;

    const german = to("reader0@example.com");
    expect(german.subject).toBe("Dieser Monat in der IT: November 2026");
    expect(german.html).toMatch(/<html[^>]*lang="de"[^>]*dir="ltr"|<html[^>]*dir="ltr"[^>]*lang="de"/);
    expect(german.text).toContain("Störungen: 1");
    expect(german.text).toContain("99,93\u00a0%");
    expect(german.html).toContain("/de/report?period=2026-11");
    expect(to("reader3@example.com").subject).toBe(german.subject);

    const arabic = to("reader1@example.com");
    expect(arabic.subject).toBe("هذا الشهر في تقنية المعلومات: نوفمبر 2026");
    expect(arabic.html).toMatch(/<html[^>]*lang="ar"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ar"/);
    expect(arabic.html).toContain("/ar/report?period=2026-11");
    expect(arabic.html).toMatch(/\/manage\/[\w.-]{20,}/);

    const english = to("reader2@example.com");
    expect(english.subject).toBe("This month in IT: November 2026");
    expect(english.html).toMatch(/<html[^>]*lang="en"/);
    expect(english.html).toContain("127.0.0.1:3360/report?period=2026-11");
    // Each keeps their own links: one rendering per language, personalised per recipient.
    expect(new Set(sent.map((e) => e.html!.match(/\/manage\/([\w.-]+)/)![1])).size).toBe(4);
  });

  it("sends nothing for a month before the page existed, and nothing to nobody", () => {
    db.update(pages)
      .set({ createdAt: Date.UTC(2026, 11, 1) })
      .run();
    expect(queueMonthlyReports(db, december)).toBe(0);
    db.update(pages).set({ createdAt: 0 }).run();
    // Already marked for November; December's turn comes in January, with nobody asking.
    expect(queueMonthlyReports(db, Date.UTC(2027, 0, 1, 1))).toBe(0);
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.kind.startsWith("monthly")),
    ).toEqual([]);
    expect(db.select().from(subscribers).all()).toEqual([]);
  });
});

describe("choosing it on the manage page", () => {
  it("takes a valid manage link only, and turns the choice on and off", () => {
    const [id] = addConfirmedSubscribers(world, 1, "chooser");
    const secret = ensureAppSecret(db, 1);
    const manage = signSubscriberToken(secret, "manage", id, 1);
    const wants = () => db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.monthlyReport;
    expect(setMonthlyReportByManageToken(db, manage, true)).toEqual({ ok: true });
    expect(wants()).toBe(true);
    // An unsubscribe link, a tampered link or a revoked one cannot change it.
    expect(setMonthlyReportByManageToken(db, signSubscriberToken(secret, "unsubscribe", id, 1), false).ok).toBe(false);
    expect(setMonthlyReportByManageToken(db, `${manage}x`, false).ok).toBe(false);
    expect(setMonthlyReportByManageToken(db, signSubscriberToken(secret, "manage", id, 2), false).ok).toBe(false);
    expect(wants()).toBe(true);
    expect(setMonthlyReportByManageToken(db, manage, false).ok).toBe(true);
    expect(wants()).toBe(false);
  });
});

// A report's life past the form: a spike emails the opted-in team once; the triage group is declared an
// incident; its resolution thanks each reporter with an address once (the real Resend SDK against the fake
// Resend server); the address is then removed and the text kept.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { notifications, reportSpikes, visitorReports } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { unattendedSpikes } from "@/db/queries/visitor-reports";
import { DAY, MINUTE } from "@/core/time";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { runReportAddressRetention } from "./address-retention";
import { submitVisitorReport } from "./submit";
import { closeReportGroup, declarationFromReportGroup, setOwnReportSpikeAlerts, updateSpikeRule } from "./triage";
import { triageGroups } from "./triage-read";

const OPTS = { publicUrl: "http://127.0.0.1:3170", from: "Status <status@example.org>" };
const now = Date.UTC(2026, 10, 23, 15);

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

const member = (email: string, role: "owner" | "admin" | "editor") => ({
  type: "user" as const,
  userId: insertUser(db, { email, passwordHash: "unusable", role, at: now }),
  label: email,
  role,
});
const send = (at: number) => runNotificationJobs(db, at, { mailer: createResendMailer("re_test", fake.url), ...OPTS });
const report = (at: number, ip: string, over: Record<string, string> = {}) =>
  submitVisitorReport(db, { service: world.webmail, problem: "unavailable", details: `from ${ip}`, ...over }, ip, at);

describe("spikes", () => {
  it("emails the members who opted in once when a service reaches the threshold, however many follow", async () => {
    const ada = member("ada@example.org", "owner");
    member("quiet@example.org", "admin");
    setOwnReportSpikeAlerts(db, ada, true, now);
    for (let i = 0; i < 4; i++) report(now + i * MINUTE, `192.0.2.${i}`);
    await send(now + 5 * MINUTE);
    expect(fake.emails()).toEqual([]);
    report(now + 5 * MINUTE, "192.0.2.9"); // the fifth within ten minutes
    for (let i = 0; i < 6; i++) report(now + (6 + i) * MINUTE, `192.0.2.${20 + i}`); // the same spike goes on
    await send(now + 12 * MINUTE);
    const sent = fake.emails();
    expect(sent.map((e) => e.to).flat()).toEqual(["ada@example.org"]);
    expect(sent[0]).toMatchObject({ subject: "Reports spike: Webmail" });
    expect(sent[0]!.text).toContain("5 reports within 10 minutes");
    expect(sent[0]!.text).toContain("http://127.0.0.1:3170/admin/reports");
    expect(db.select().from(reportSpikes).all()).toMatchObject([{ reportCount: 11 }]);
    expect(unattendedSpikes(db, world.pageId)).toMatchObject([{ componentName: "Webmail", reportCount: 11 }]);
  });

  it("starts a new spike after a quiet window, and follows the page's rule", () => {
    updateSpikeRule(db, member("o@example.org", "owner"), { threshold: 2, minutes: 5 }, now);
    report(now, "a");
    report(now + MINUTE, "b");
    report(now + 30 * MINUTE, "c");
    report(now + 31 * MINUTE, "d");
    expect(db.select().from(reportSpikes).all()).toHaveLength(2);
    // Nobody opted in: the spike is recorded and shown, not emailed.
    expect(db.select().from(notifications).all()).toEqual([]);
  });

  it("refuses a rule out of bounds, and editors may not change it", () => {
    const owner = member("o@example.org", "owner");
    expect(() => updateSpikeRule(db, owner, { threshold: 1, minutes: 10 }, now)).toThrow("At least 2 reports.");
    expect(() => updateSpikeRule(db, owner, { threshold: 5, minutes: 0 }, now)).toThrow("At least 1 minute.");
    expect(() => updateSpikeRule(db, owner, { threshold: 5, minutes: 1441 }, now)).toThrow("At most 1440 minutes");
    expect(() => updateSpikeRule(db, member("e@example.org", "editor"), { threshold: 3, minutes: 10 }, now)).toThrow(
      "not allowed",
    );
  });
});

describe("triage, declaring and thanking", () => {
  it("declares an incident from a group, thanks each address once on resolution, then removes the addresses", async () => {
    const ed = member("ed@example.org", "editor");
    report(now, "a", { email: "pat@example.com" });
    report(now + MINUTE, "b", { email: "PAT@example.com" });
    report(now + 2 * MINUTE, "c", { email: "lee@example.com" });
    report(now + 3 * MINUTE, "d");
    report(now + 4 * MINUTE, "e", { service: world.vpn, email: "vpn@example.com" });
    const [webmail] = triageGroups(db, world.pageId).filter((g) => g.componentId === world.webmail);
    expect(webmail.reports.map((r) => r.details)).toEqual(["from d", "from c", "from b", "from a"]);
    const group = { componentId: world.webmail, from: webmail.from, to: webmail.to };
    const prefill = declarationFromReportGroup(db, group)!;
    expect(prefill).toMatchObject({
      name: "Webmail: problems reported",
      componentStatuses: { [world.webmail]: "partial_outage" },
      reportCount: 4,
    });
    const { id } = createIncident(db, ed, { ...prefill, status: "investigating", notify: false }, now + 5 * MINUTE, {
      fromReports: group,
    });
    expect(triageGroups(db, world.pageId).map((g) => g.componentId)).toEqual([world.vpn]);
    expect(
      db
        .select()
        .from(visitorReports)
        .all()
        .filter((r) => r.incidentId === id),
    ).toHaveLength(4);

    addIncidentUpdate(db, ed, id, { status: "resolved", message: "Fixed.", notify: false }, now + 20 * MINUTE);
    await send(now + 21 * MINUTE);
    const thanks = fake.emails();
    expect(
      thanks
        .map((e) => e.to)
        .flat()
        .sort(),
    ).toEqual(["lee@example.com", "pat@example.com"]);
    expect(thanks[0]).toMatchObject({ subject: "Fixed: Webmail: problems reported" });
    expect(thanks[0]!.text).toContain(`http://127.0.0.1:3170/incidents/${id}`);

    // Reopened and resolved again: nobody is thanked twice.
    addIncidentUpdate(
      db,
      ed,
      id,
      { status: "investigating", message: "Again", reopen: true, notify: false },
      now + 30 * MINUTE,
    );
    addIncidentUpdate(db, ed, id, { status: "resolved", message: "Fixed again.", notify: false }, now + 40 * MINUTE);
    await send(now + 41 * MINUTE);
    expect(fake.emails()).toHaveLength(2);

    expect(runReportAddressRetention(db, now + 42 * MINUTE)).toBe(3);
    const rows = db.select().from(visitorReports).all();
    expect(rows.filter((r) => r.email !== null).map((r) => r.email)).toEqual(["vpn@example.com"]);
    expect(rows.every((r) => r.details.startsWith("from "))).toBe(true);
    // The VPN reporter was never thanked: the address goes after 30 days.
    expect(runReportAddressRetention(db, now + 29 * DAY)).toBe(0);
    expect(runReportAddressRetention(db, now + 30 * DAY + 4 * MINUTE)).toBe(1);
  });

  it("marks a group handled or dismissed once, and says so when it was already", () => {
    const ed = member("ed@example.org", "editor");
    report(now, "a");
    report(now + MINUTE, "b");
    const group = { componentId: world.webmail, from: now, to: now + MINUTE };
    expect(closeReportGroup(db, ed, group, "dismissed", now + 2 * MINUTE)).toBe(2);
    expect(() => closeReportGroup(db, ed, group, "handled", now + 3 * MINUTE)).toThrow("already handled");
    expect(triageGroups(db, world.pageId, "dismissed")[0].reports).toHaveLength(2);
  });

  it("shows a spike until its service's reports are acted on, whatever other services' reports do", () => {
    const owner = member("o@example.org", "owner");
    updateSpikeRule(db, owner, { threshold: 2, minutes: 10 }, now);
    report(now, "a");
    report(now + MINUTE, "b");
    report(now + MINUTE, "c", { service: world.vpn });
    expect(unattendedSpikes(db, world.pageId).map((s) => s.componentName)).toEqual(["Webmail"]);
    closeReportGroup(
      db,
      owner,
      { componentId: world.webmail, from: now, to: now + MINUTE },
      "handled",
      now + 2 * MINUTE,
    );
    expect(unattendedSpikes(db, world.pageId)).toEqual([]);
  });
});

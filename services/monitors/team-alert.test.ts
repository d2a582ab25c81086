// The team hears first: a monitor that goes down emails the members who opted in, through the outbox and the
// real Resend SDK against the fake Resend server; subscribers get nothing without an incident.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { insertComponent } from "@/db/writes/components";
import { insertUser } from "@/db/writes/users";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import type { FakeResend } from "@/services/testing/fake-resend";
import { withFakeResendWorld } from "@/services/testing/fake-resend-world";
import type { World } from "@/services/testing/notification-fixtures";
import { down, up } from "./checks/types";
import { applyResult } from "./run";
import { setOwnMonitorAlerts } from "./team-alert";
import { createMonitor } from "./verbs";

const OPTS = { publicUrl: "http://127.0.0.1:3180", from: "Status <status@example.org>" };
const now = Date.UTC(2026, 10, 23, 15);

const mail = withFakeResendWorld();
let fake: FakeResend;
let world: World;
let db: Db;
beforeEach(() => {
  ({ fake, world } = mail);
  db = world.db;
});

const member = (email: string, role: "owner" | "admin" | "editor") => ({
  type: "user" as const,
  userId: insertUser(db, { email, passwordHash: "unusable", role, at: now }),
  label: email,
  role,
});

describe("team alerts", () => {
  it("emails the members who opted in as soon as a monitor goes down, once, and never the subscribers", async () => {
    const ada = member("ada@example.org", "owner");
    const sam = member("sam@example.org", "editor");
    member("quiet@example.org", "admin");
    setOwnMonitorAlerts(db, ada, true, now);
    setOwnMonitorAlerts(db, sam, true, now);
    insertEmailSubscriber(db, { pageId: world.pageId, email: "reader@example.com", at: now, state: "active" });
    const vpn = insertComponent(db, { pageId: world.pageId, name: "VPN", at: now, actor: { source: "manual" } });
    const { id } = createMonitor(
      db,
      ada,
      {
        name: "VPN gateway",
        kind: "tcp",
        intervalSeconds: 30,
        componentId: vpn,
        incidentMode: "draft",
        failuresBeforeDown: 2,
        config: { host: "127.0.0.1", port: 3193 },
      },
      now,
    );
    applyResult(db, id, down("Connection refused"), now + 1);
    await runNotificationJobs(db, now + 2, { mailer: createResendMailer("re_test", fake.url), ...OPTS });
    expect(fake.emails()).toEqual([]);
    applyResult(db, id, down("Connection refused"), now + 30_000);
    applyResult(db, id, down("Connection refused"), now + 60_000);
    await runNotificationJobs(db, now + 60_001, { mailer: createResendMailer("re_test", fake.url), ...OPTS });
    const sent = fake.emails();
    expect(
      sent
        .map((e) => e.to)
        .flat()
        .sort(),
    ).toEqual(["ada@example.org", "sam@example.org"]);
    expect(sent[0]).toMatchObject({ subject: "Down: VPN gateway" });
    expect(sent[0]!.text).toContain("Connection refused");
    // The time names its zone once: "13:00 CET (Europe/Berlin)", never "(Europe/Berlin) (Europe/Berlin)".
    expect(sent[0]!.text).not.toMatch(/\(([A-Za-z_/]+)\) \(\1\)/);
    expect(sent[0]!.text).toContain("A draft incident waits for an admin to publish it.");
    expect(sent[0]!.text).toContain(`http://127.0.0.1:3180/admin/monitors/${id}`);
    // Recovery and another failure later: one more alert, for the new outage only.
    applyResult(db, id, up(5), now + 90_000);
    applyResult(db, id, up(5), now + 120_000);
    await runNotificationJobs(db, now + 120_001, { mailer: createResendMailer("re_test", fake.url), ...OPTS });
    expect(fake.emails()).toHaveLength(2);
  });

  it("queues nothing when nobody opted in; only members can opt in", () => {
    const ada = member("ada@example.org", "owner");
    const { id } = createMonitor(
      db,
      ada,
      { name: "Ping", kind: "ping", intervalSeconds: 30, failuresBeforeDown: 1, config: { host: "127.0.0.1" } },
      now,
    );
    applyResult(db, id, down("No reply"), now + 1);
    expect(db.$client.prepare("select count(*) as n from notifications where kind = 'monitor_down'").get()).toEqual({
      n: 0,
    });
    expect(() => setOwnMonitorAlerts(db, { type: "system", label: "automation" }, true, now)).toThrow(
      "Only members receive team alerts",
    );
  });
});

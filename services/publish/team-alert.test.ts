// A target failing for more than 5 minutes emails the team members who opted in, once per failure episode,
// and once more when it publishes again: through the outbox and the real Resend SDK against the fake server.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findPublishTargetStatus } from "@/db/queries/publish";
import { recordPublishFailure, recordPublishSuccess } from "@/db/writes/publish";
import { insertUser } from "@/db/writes/users";
import { MINUTE } from "@/core/time";
import { publishAlertDue } from "@/core/publish-schedule";
import { createResendMailer } from "@/services/mail/send";
import { runNotificationJobs } from "@/services/notifications/jobs";
import { startFakeResend, type FakeResend } from "@/services/testing/fake-resend";
import { makeWorld } from "@/services/testing/notification-fixtures";
import { queuePublishAlerts, setOwnPublishAlerts } from "./team-alert";

const OPTS = { publicUrl: "http://127.0.0.1:3350", from: "Status <status@example.org>" };
const T = Date.UTC(2026, 11, 1, 12);
const TARGETS = [{ name: "s3", describe: "s3://copy at http://127.0.0.1:3351" }];

let fake: FakeResend;
let db: Db;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(0);
  db = makeWorld().db;
});
afterEach(() => db.$client.close());

const member = (email: string, role: "owner" | "admin" | "editor") => ({
  type: "user" as const,
  userId: insertUser(db, { email, passwordHash: "unusable", role, at: T }),
  label: email,
  role,
});
const send = (at: number) => runNotificationJobs(db, at, { mailer: createResendMailer("re_test", fake.url), ...OPTS });
const fail = (at: number, error = "Uploading index.html to s3://copy: AccessDenied (HTTP 403)") =>
  recordPublishFailure(db, "s3", { startedAt: at, at: at + 1_000, error });

describe("publish failure emails", () => {
  it("decides per target: failing past 5 minutes and not yet told, or told and publishing again", () => {
    const base = { failingSince: null, alertedAt: null };
    expect(publishAlertDue(base, T)).toBeUndefined();
    expect(publishAlertDue({ failingSince: T, alertedAt: null }, T + 5 * MINUTE)).toBeUndefined();
    expect(publishAlertDue({ failingSince: T, alertedAt: null }, T + 5 * MINUTE + 1)).toBe("failing");
    expect(publishAlertDue({ failingSince: T, alertedAt: T + 6 * MINUTE }, T + 60 * MINUTE)).toBeUndefined();
    expect(publishAlertDue({ failingSince: null, alertedAt: T + 6 * MINUTE }, T + 61 * MINUTE)).toBe("recovered");
  });

  it("emails the opted-in members once per failure episode, and once when the target recovers", async () => {
    const ada = member("ada@example.org", "owner");
    member("quiet@example.org", "admin");
    setOwnPublishAlerts(db, ada, true, T);

    fail(T);
    queuePublishAlerts(db, T + 4 * MINUTE, TARGETS);
    fail(T + 4 * MINUTE);
    queuePublishAlerts(db, T + 4 * MINUTE + 2_000, TARGETS);
    await send(T + 5 * MINUTE);
    expect(fake.emails()).toEqual([]);

    fail(T + 6 * MINUTE);
    expect(queuePublishAlerts(db, T + 6 * MINUTE + 2_000, TARGETS)).toEqual([{ target: "s3", alert: "failing" }]);
    // Every later tick and failure of the same episode: nothing more.
    fail(T + 11 * MINUTE);
    expect(queuePublishAlerts(db, T + 11 * MINUTE + 2_000, TARGETS)).toEqual([]);
    await send(T + 12 * MINUTE);
    const failing = fake.emails();
    expect(failing.map((e) => e.to).flat()).toEqual(["ada@example.org"]);
    expect(failing[0]).toMatchObject({ subject: "Static copy failing: S3 bucket" });
    expect(failing[0]!.text).toContain("AccessDenied (HTTP 403)");
    expect(failing[0]!.text).toContain(
      "Publishing to s3://copy at http://127.0.0.1:3351 has failed since 1 Dec 2026, 13:00 CET (Europe/Berlin).",
    );
    expect(failing[0]!.text).toContain("http://127.0.0.1:3350/admin/settings");
    expect(findPublishTargetStatus(db, "s3")!.alertedAt).toBe(T + 6 * MINUTE + 2_000);

    fake.reset();
    recordPublishSuccess(db, "s3", {
      version: 1,
      startedAt: T + 16 * MINUTE,
      at: T + 16 * MINUTE + 500,
      objectsChanged: 3,
    });
    expect(queuePublishAlerts(db, T + 16 * MINUTE + 2_000, TARGETS)).toEqual([{ target: "s3", alert: "recovered" }]);
    expect(queuePublishAlerts(db, T + 16 * MINUTE + 4_000, TARGETS)).toEqual([]);
    await send(T + 17 * MINUTE);
    const recovered = fake.emails();
    expect(recovered.map((e) => e.to).flat()).toEqual(["ada@example.org"]);
    expect(recovered[0]).toMatchObject({ subject: "Static copy publishing again: S3 bucket" });
    expect(findPublishTargetStatus(db, "s3")!.alertedAt).toBeNull();

    // A new episode is told again.
    fake.reset();
    fail(T + 30 * MINUTE);
    fail(T + 36 * MINUTE);
    expect(queuePublishAlerts(db, T + 36 * MINUTE + 2_000, TARGETS)).toEqual([{ target: "s3", alert: "failing" }]);
  });

  it("with nobody opted in, marks the episode and sends nothing, and recovery sends nothing either", async () => {
    member("quiet@example.org", "admin");
    fail(T);
    expect(queuePublishAlerts(db, T + 6 * MINUTE, TARGETS)).toEqual([]);
    recordPublishSuccess(db, "s3", { version: 1, startedAt: T + 7 * MINUTE, at: T + 7 * MINUTE, objectsChanged: 1 });
    expect(queuePublishAlerts(db, T + 8 * MINUTE, TARGETS)).toEqual([]);
    await send(T + 9 * MINUTE);
    expect(fake.emails()).toEqual([]);
  });

  it("owes nothing for a target no longer configured", () => {
    member("ada@example.org", "owner");
    fail(T);
    expect(queuePublishAlerts(db, T + 6 * MINUTE, [{ name: "folder", describe: "/srv/status" }])).toEqual([]);
    expect(findPublishTargetStatus(db, "s3")!.alertedAt).toBeNull();
  });

  it("only members turn it on, for themselves", () => {
    expect(() =>
      setOwnPublishAlerts(db, { type: "api_key", keyId: "k", label: "key", role: "admin" } as never, true, T),
    ).toThrow(/Only members/);
  });
});

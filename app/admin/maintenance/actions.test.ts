// The Maintenance actions called directly, as each role and as nobody: refusals change nothing, bad input is
// named per field, times are read in the page's time zone, and the steps move the services.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, incidents, incidentUpdates, pages } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import {
  actAs,
  fakeRequest,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  runAction as run,
} from "@/services/testing/auth-harness";
import { toLocalDateTime } from "@/services/console/incident-display";

const actions = await import("./actions");

let db: Db;
let pageId: string;
let vpn: string;
let mail: string;
beforeEach(() => {
  ({ db, pageId } = installTestDatabase());
  vpn = insertComponent(db, { pageId, name: "VPN", at: 1, actor: { source: "seed" } });
  mail = insertComponent(db, { pageId, name: "Email", at: 1, actor: { source: "seed" } });
});
afterEach(() => removeTestDatabase());

const HOUR = 3_600_000;
const local = (at: number) => toLocalDateTime(at, db.select().from(pages).get()!.timeZone);
const statusOf = (id: string) => db.select().from(components).where(eq(components.id, id)).get()!.status;
const all = () => db.select().from(incidents).all();
const one = (id: string) => db.select().from(incidents).where(eq(incidents.id, id)).get()!;
const timeline = (id: string) =>
  db
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, id))
    .orderBy(asc(incidentUpdates.displayAt))
    .all();

function scheduleFields(extra: Record<string, string | string[]> = {}) {
  const start = Date.now() + 2 * HOUR;
  return {
    name: "VPN upgrade",
    message: "New firmware.",
    startsAt: local(start),
    endsAt: local(start + HOUR),
    services: [vpn],
    notify: "on",
    remindBeforeMinutes: "60",
    autoStart: "on",
    autoComplete: "on",
    setComponentsUnderMaintenance: "on",
    ...extra,
  };
}

async function schedule(extra: Record<string, string | string[]> = {}): Promise<string> {
  const { redirect } = await run(actions.scheduleMaintenanceAction, scheduleFields(extra));
  expect(redirect).toMatch(/^\/admin\/maintenance\/[a-z0-9]+\?done=/);
  return redirect!.split("/")[3].split("?")[0];
}

describe("who may run the maintenance actions", () => {
  it("refuses nobody and a cross-site post; lets an editor, an admin and an owner schedule", async () => {
    actAs(db, null);
    expect((await run(actions.scheduleMaintenanceAction, scheduleFields())).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
    actAs(db, makeUser(db, "owner"));
    fakeRequest.headers.set("origin", "https://evil.example");
    expect((await run(actions.scheduleMaintenanceAction, scheduleFields())).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("another site"),
    });
    fakeRequest.headers.delete("origin");
    expect(all()).toEqual([]);
    for (const role of ["editor", "admin", "owner"] as const) {
      actAs(db, makeUser(db, role));
      await schedule({ name: `By ${role}` });
    }
    expect(
      all()
        .map((m) => m.name)
        .sort(),
    ).toEqual(["By admin", "By editor", "By owner"]);
  });

  it("refuses the other actions to nobody, and nothing changes", async () => {
    actAs(db, makeUser(db, "editor"));
    const id = await schedule();
    const before = { rows: all(), updates: db.select().from(incidentUpdates).all() };
    actAs(db, null);
    const start = Date.now() + 5 * HOUR;
    const attempts: [keyof typeof actions, Record<string, string>][] = [
      ["postMaintenanceUpdateAction", { id, status: "in_progress" }],
      ["rescheduleMaintenanceAction", { id, startsAt: local(start), endsAt: local(start + HOUR) }],
      ["cancelMaintenanceAction", { id }],
    ];
    for (const [name, fields] of attempts) {
      expect((await run(actions[name] as never, fields)).state, name).toMatchObject({
        ok: false,
        message: expect.stringContaining("Sign in again"),
      });
    }
    expect({ rows: all(), updates: db.select().from(incidentUpdates).all() }).toEqual(before);
    expect(statusOf(vpn)).toBe("operational");
  });
});

describe("scheduling", () => {
  beforeEach(() => actAs(db, makeUser(db, "editor")));

  it("names every bad field and keeps what was typed", async () => {
    const empty = (await run(actions.scheduleMaintenanceAction, { name: "", message: "", startsAt: "", endsAt: "" }))
      .state!;
    expect(Object.keys(empty.errors!).sort()).toEqual(["endsAt", "startsAt"]);
    const blank = (await run(actions.scheduleMaintenanceAction, scheduleFields({ name: " ", message: "" }))).state!;
    expect(Object.keys(blank.errors!).sort()).toEqual(["message", "name"]);
    const long = (await run(actions.scheduleMaintenanceAction, scheduleFields({ name: "x".repeat(101) }))).state!;
    expect(long).toMatchObject({
      errors: { name: [expect.stringMatching(/at most 100/)] },
      values: { name: "x".repeat(101) },
    });
    expect(
      (await run(actions.scheduleMaintenanceAction, scheduleFields({ message: "m".repeat(10_001) }))).state?.errors
        ?.message?.[0],
    ).toMatch(/at most 10,000/);

    const start = Date.now() + 2 * HOUR;
    expect(
      (
        await run(
          actions.scheduleMaintenanceAction,
          scheduleFields({ startsAt: local(start), endsAt: local(start - HOUR) }),
        )
      ).state?.errors?.endsAt,
    ).toEqual(["The end must be after the start."]);
    const over = (
      await run(
        actions.scheduleMaintenanceAction,
        scheduleFields({ startsAt: local(Date.now() - 3 * HOUR), endsAt: local(Date.now() - 2 * HOUR) }),
      )
    ).state!;
    expect(over.errors?.endsAt?.[0]).toMatch(/already ended/);
    expect(
      (await run(actions.scheduleMaintenanceAction, scheduleFields({ backfill: "on" }))).state?.errors?.backfill?.[0],
    ).toMatch(/already ended/);
    expect(
      (await run(actions.scheduleMaintenanceAction, scheduleFields({ startsAt: "2026-02-30T10:00" }))).state?.errors
        ?.startsAt,
    ).toEqual(["Enter a date and time."]);
    expect(
      (await run(actions.scheduleMaintenanceAction, scheduleFields({ remindBeforeMinutes: "soon" }))).state?.errors
        ?.remindBeforeMinutes,
    ).toBeTruthy();
    expect(
      (await run(actions.scheduleMaintenanceAction, scheduleFields({ services: ["zzzzzzzzzzzz"] }))).state?.errors
        ?.services?.[0],
    ).toMatch(/Unknown or deleted service/);
    db.update(components).set({ deletedAt: 2 }).where(eq(components.id, mail)).run();
    const deleted = (await run(actions.scheduleMaintenanceAction, scheduleFields({ services: [vpn, mail] }))).state!;
    expect(deleted.errors?.services?.[0]).toMatch(/Unknown or deleted service/);
    expect(deleted.values?.services).toBe(`${vpn},${mail}`);
    expect(all()).toEqual([]);
  });

  it("reads the times in the page's time zone, with an empty reminder meaning none", async () => {
    db.update(pages).set({ timeZone: "Pacific/Auckland" }).run();
    const id = await schedule({ startsAt: "2030-01-15T09:30", endsAt: "2030-01-15T11:00", remindBeforeMinutes: "" });
    // Auckland is UTC+13 in January.
    expect(one(id)).toMatchObject({
      scheduledFor: Date.UTC(2030, 0, 14, 20, 30),
      scheduledUntil: Date.UTC(2030, 0, 14, 22, 0),
      remindBeforeMinutes: null,
      autoStart: true,
      autoComplete: true,
    });
  });

  it("records a past window as a backfill", async () => {
    const id = await schedule({
      startsAt: local(Date.now() - 3 * HOUR),
      endsAt: local(Date.now() - 2 * HOUR),
      backfill: "on",
    });
    expect(one(id)).toMatchObject({ status: "completed", backfilled: true });
    expect(statusOf(vpn)).toBe("operational");
  });
});

describe("moving a maintenance on", () => {
  beforeEach(() => actAs(db, makeUser(db, "editor")));

  it("starts, verifies and completes, putting the services back", async () => {
    const id = await schedule();
    expect(
      (await run(actions.postMaintenanceUpdateAction, { id, status: "scheduled", message: "" })).state?.errors?.message,
    ).toBeTruthy();
    expect(
      (await run(actions.postMaintenanceUpdateAction, { id, status: "scheduled", message: "m".repeat(10_001) })).state
        ?.errors?.message,
    ).toBeTruthy();
    expect(
      (await run(actions.postMaintenanceUpdateAction, { id, status: "paused" })).state?.errors?.status,
    ).toBeTruthy();
    expect(
      (await run(actions.postMaintenanceUpdateAction, { id, status: "in_progress", notify: "on" })).state,
    ).toMatchObject({ ok: true });
    expect(statusOf(vpn)).toBe("under_maintenance");
    expect(
      (await run(actions.postMaintenanceUpdateAction, { id, status: "scheduled", message: "Back?" })).state?.errors
        ?.status,
    ).toBeTruthy();
    expect(
      (await run(actions.postMaintenanceUpdateAction, { id, status: "verifying", message: "Checking." })).state,
    ).toMatchObject({ ok: true });
    expect((await run(actions.postMaintenanceUpdateAction, { id, status: "completed" })).state).toMatchObject({
      ok: true,
    });
    expect(statusOf(vpn)).toBe("operational");
    expect(timeline(id).map((u) => u.status)).toEqual(["scheduled", "in_progress", "verifying", "completed"]);
    expect(
      (await run(actions.postMaintenanceUpdateAction, { id, status: "completed", message: "Again" })).state,
    ).toMatchObject({ ok: false });
    expect(
      (await run(actions.postMaintenanceUpdateAction, { id: "zzzzzzzzzzzz", status: "completed" })).state,
    ).toMatchObject({ ok: false, message: "Maintenance was not found." });
  });

  it("reschedules only into the future with the end after the start, and cancels", async () => {
    const id = await schedule();
    const start = Date.now() + 6 * HOUR;
    expect(
      (await run(actions.rescheduleMaintenanceAction, { id, startsAt: local(start), endsAt: local(start - HOUR) }))
        .state?.errors?.endsAt,
    ).toEqual(["The end must be after the start."]);
    expect(
      (
        await run(actions.rescheduleMaintenanceAction, {
          id,
          startsAt: local(Date.now() - 3 * HOUR),
          endsAt: local(Date.now() - 2 * HOUR),
        })
      ).state?.errors?.endsAt?.[0],
    ).toMatch(/already ended/);
    expect(
      (await run(actions.rescheduleMaintenanceAction, { id, startsAt: "", endsAt: local(start) })).state?.errors
        ?.startsAt,
    ).toBeTruthy();
    expect(
      (
        await run(actions.rescheduleMaintenanceAction, {
          id,
          startsAt: local(start),
          endsAt: local(start + HOUR),
          notify: "on",
        })
      ).state,
    ).toMatchObject({ ok: true, message: "New window saved." });
    expect(Math.abs(one(id).scheduledFor! - start)).toBeLessThan(60_000); // the input has whole minutes

    expect(
      (await run(actions.cancelMaintenanceAction, { id, message: "m".repeat(10_001) })).state?.errors?.message,
    ).toBeTruthy();
    expect(one(id).status).toBe("scheduled");
    expect(await run(actions.cancelMaintenanceAction, { id, notify: "on" })).toEqual({
      redirect: expect.stringContaining(`/admin/maintenance/${id}`),
    });
    expect(one(id).status).toBe("cancelled");
    expect((await run(actions.cancelMaintenanceAction, { id })).state).toMatchObject({ ok: false });
  });
});

describe("rescheduling a started window", () => {
  it("moves only the end, keeping the start shown in the form", async () => {
    actAs(db, makeUser(db, "editor"));
    const id = await schedule();
    await run(actions.postMaintenanceUpdateAction, { id, status: "in_progress" });
    const started = one(id);
    const later = started.scheduledUntil! + HOUR;
    expect(
      (
        await run(actions.rescheduleMaintenanceAction, {
          id,
          startsAt: local(started.scheduledFor! + 5 * HOUR),
          endsAt: local(later + 5 * HOUR),
        })
      ).state?.errors?.startsAt?.[0],
    ).toMatch(/only its end can move/);
    expect(
      (
        await run(actions.rescheduleMaintenanceAction, {
          id,
          startsAt: local(started.scheduledFor!),
          endsAt: local(later),
        })
      ).state,
    ).toMatchObject({ ok: true });
    expect(one(id)).toMatchObject({ scheduledFor: started.scheduledFor, status: "in_progress" });
  });
});

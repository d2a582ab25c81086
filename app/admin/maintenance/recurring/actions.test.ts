// The recurring-maintenance actions called directly, as each role and as nobody; bad input per field.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { incidents, maintenanceRecurrences } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import {
  actAs,
  fakeRequest,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  runAction,
} from "@/services/testing/auth-harness";

const actions = await import("./actions");

let db: Db;
let vpn: string;
beforeEach(() => {
  const installed = installTestDatabase();
  db = installed.db;
  vpn = insertComponent(db, { pageId: installed.pageId, name: "VPN", at: 1, actor: { source: "seed" } });
});
afterEach(() => removeTestDatabase());

const rules = () => db.select().from(maintenanceRecurrences).all();
const fields = (extra: Record<string, string | string[]> = {}) => ({
  name: "Sunday patching",
  message: "Servers get their patches.",
  frequency: "weekly",
  days: ["0"],
  interval: "1",
  nth: "1",
  weekday: "2",
  monthDay: "1",
  startTime: "02:00",
  durationMinutes: "60",
  remindBeforeMinutes: "60",
  autoStart: "on",
  autoComplete: "on",
  services: [vpn],
  ...extra,
});

describe("recurring maintenance actions", () => {
  it("refuse nobody and a cross-site post; let an editor create and stop a rule", async () => {
    actAs(db, null);
    expect((await runAction(actions.createRecurrenceAction, fields())).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
    actAs(db, makeUser(db, "owner"));
    fakeRequest.headers.set("origin", "https://evil.example");
    expect((await runAction(actions.createRecurrenceAction, fields())).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("another site"),
    });
    fakeRequest.headers.delete("origin");
    expect(rules()).toEqual([]);

    actAs(db, makeUser(db, "editor"));
    const created = await runAction(
      actions.createRecurrenceAction,
      fields({ frequency: "monthly_weekday", nth: "-1", weekday: "5" }),
    );
    expect(created.redirect).toMatch(/^\/admin\/maintenance\/recurring\?done=recurrence-saved&n=\d+$/);
    expect(rules()[0]).toMatchObject({
      rule: "FREQ=MONTHLY;BYDAY=-1FR",
      startTime: "02:00",
      durationMinutes: 60,
      componentIds: [vpn],
      remindBeforeMinutes: 60,
    });
    const id = rules()[0].id;
    const scheduled = db.select().from(incidents).where(eq(incidents.recurrenceId, id)).all();
    expect(scheduled.length).toBeGreaterThan(0);

    actAs(db, null);
    expect((await runAction(actions.stopRecurrenceAction, { id, cancelUpcoming: "on" })).state).toMatchObject({
      ok: false,
    });
    expect(rules()[0].active).toBe(true);
    actAs(db, makeUser(db, "editor"));
    expect((await runAction(actions.stopRecurrenceAction, { id, cancelUpcoming: "on" })).redirect).toContain(
      "cancelled",
    );
    expect(rules()[0].active).toBe(false);
    expect(
      db
        .select()
        .from(incidents)
        .where(eq(incidents.recurrenceId, id))
        .all()
        .every((m) => m.status === "cancelled"),
    ).toBe(true);
    expect((await runAction(actions.stopRecurrenceAction, { id })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("already stopped"),
    });
  });

  it("name each bad field, keep the checked days and services, and create nothing", async () => {
    actAs(db, makeUser(db, "editor"));
    const { state } = await runAction(
      actions.createRecurrenceAction,
      fields({ days: [], durationMinutes: "0", remindBeforeMinutes: "soon" }),
    );
    expect(state).toMatchObject({
      ok: false,
      errors: {
        days: ["Choose at least one day."],
        durationMinutes: [expect.any(String)],
        remindBeforeMinutes: [expect.any(String)],
      },
    });
    const verb = (
      await runAction(
        actions.createRecurrenceAction,
        fields({ name: "", startTime: "25:00", days: ["0", "6"], services: [vpn, "zzzzzzzzzzzz"] }),
      )
    ).state;
    expect(Object.keys(verb!.errors!).sort()).toEqual(["name", "startTime"]);
    expect(verb!.values).toMatchObject({ days: "0,6", services: `${vpn},zzzzzzzzzzzz` });
    const unknown = (await runAction(actions.createRecurrenceAction, fields({ services: ["zzzzzzzzzzzz"] }))).state;
    expect(unknown!.errors).toEqual({ services: ["Unknown or deleted service: zzzzzzzzzzzz."] });
    expect((await runAction(actions.createRecurrenceAction, fields({ frequency: "yearly" }))).state!.errors).toEqual({
      frequency: ["Choose how often it repeats."],
    });
    expect(rules()).toEqual([]);
    expect(db.select().from(incidents).all()).toEqual([]);
  });
});

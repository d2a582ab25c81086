// Forms on a database that cannot save (a real SQLite file with writes refused, as on a read-only mount or a
// full disk): the console's actions, sign-in and subscribe answer "temporarily unable to save, try again in a
// minute" with what was typed kept, never a bare 500, and nothing is written.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/db";
import { incidents, pages, subscribers } from "@/db/schema";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/db/unavailable";
import { ensurePage } from "@/db/writes/page";
import { hashPassword } from "@/lib/password";
import { insertUser } from "@/db/writes/users";
import { actAs, formOf, makeUser, runAction } from "@/lib/testing/auth-harness";
import { resetFakeRequest } from "@/lib/testing/next-headers-mock";
import { tempDbFile } from "@/lib/testing/notification-fixtures";
import { MINUTE } from "@/lib/time";
import { createSession, lookupSession } from "./sessions";

const incidentActions = await import("@/app/admin/incidents/actions");
const { signInAction } = await import("@/app/login/actions");
const { subscribeAction } = await import("@/app/subscribe/actions");

const holder = globalThis as typeof globalThis & { __statusDb?: Db };
let db: Db;
const PASSWORD = "a long enough password";
let staleToken: string;

beforeAll(async () => {
  db = openDatabase(tempDbFile("readonly-forms"));
  ensurePage(db, { name: "Test Page", timeZone: "Etc/UTC", at: Date.now() });
  holder.__statusDb = db;
  resetFakeRequest();
  insertUser(db, { email: "owner@example.test", passwordHash: await hashPassword(PASSWORD), role: "owner", at: Date.now() });
  actAs(db, makeUser(db, "editor"));
  staleToken = createSession(db, { userId: makeUser(db, "admin").id, pendingTwoFactor: false, now: Date.now() - 5 * MINUTE }).token;
  db.$client.pragma("query_only = 1");
});
afterAll(() => {
  db.$client.close();
  holder.__statusDb = undefined;
});

describe("forms on a database that cannot save", () => {
  it("still reads a session whose last-seen time is due to move (the console stays readable)", () => {
    expect(lookupSession(db, staleToken, Date.now())?.user.role).toBe("admin");
  });

  it("a console action says so and keeps what was typed", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { state } = await runAction(incidentActions.declareIncidentAction, { name: "VPN down", status: "investigating", message: "Looking.", notify: "on" });
    expect(state).toMatchObject({ ok: false, message: DATABASE_UNAVAILABLE_MESSAGE, values: { name: "VPN down", message: "Looking." } });
    expect(db.select().from(incidents).all()).toEqual([]);
    error.mockRestore();
  });

  it("sign-in says so, keeps the address and never echoes the password", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await signInAction({}, formOf({ email: "owner@example.test", password: PASSWORD }));
    expect(state).toMatchObject({ ok: false, message: DATABASE_UNAVAILABLE_MESSAGE, values: { email: "owner@example.test" } });
    expect(JSON.stringify(state)).not.toContain(PASSWORD);
    error.mockRestore();
  });

  it("subscribe says so instead of failing", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await subscribeAction(null, formOf({ email: "reader@example.org", scope: "all", website: "" }));
    expect(state).toEqual({ status: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE });
    expect(db.select().from(subscribers).all()).toEqual([]);
    expect(db.select().from(pages).all()).toHaveLength(1);
    error.mockRestore();
  });
});

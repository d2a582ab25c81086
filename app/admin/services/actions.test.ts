// The Services actions called directly, as each role and as nobody: refusals change nothing.
import { eq, isNull, and } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { componentGroups, components, componentStatusChanges, sessions } from "@/db/schema";
import { insertComponent, insertGroup } from "@/db/writes/components";
import { SESSION_IDLE_TIMEOUT } from "@/services/auth/policy";
import {
  actAs,
  fakeRequest,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  runAction as run,
} from "@/services/testing/auth-harness";

const actions = await import("./actions");

let db: Db;
let pageId: string;
beforeEach(() => ({ db, pageId } = installTestDatabase()));
afterEach(() => removeTestDatabase());

const liveNames = () =>
  db
    .select({ name: components.name })
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
    .all()
    .map((r) => r.name);

describe("who may manage services", () => {
  it("refuses nobody, an expired session and an editor; lets an admin and an owner", async () => {
    actAs(db, null);
    expect((await run(actions.createComponentAction, { name: "VPN" })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });

    const admin = makeUser(db, "admin");
    actAs(db, admin, Date.now() - 2 * SESSION_IDLE_TIMEOUT);
    expect((await run(actions.createComponentAction, { name: "VPN" })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
    expect(db.select().from(sessions).all()).toHaveLength(0); // the expired one was removed

    actAs(db, makeUser(db, "editor"));
    expect((await run(actions.createComponentAction, { name: "VPN" })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("role does not allow"),
    });
    expect(liveNames()).toEqual([]);

    actAs(db, admin);
    expect(await run(actions.createComponentAction, { name: "VPN" })).toEqual({
      redirect: expect.stringContaining("/admin/services"),
    });
    actAs(db, makeUser(db, "owner"));
    expect(await run(actions.createComponentAction, { name: "Wi-Fi" })).toEqual({
      redirect: expect.stringContaining("/admin/services"),
    });
    expect(liveNames().sort()).toEqual(["VPN", "Wi-Fi"]);
  });

  it("refuses every other services action for an editor", async () => {
    const id = insertComponent(db, { pageId, name: "Mail", at: 1, actor: { source: "seed" } });
    const groupId = insertGroup(db, { pageId, name: "Group", at: 1 });
    actAs(db, makeUser(db, "editor"));
    const attempts: [keyof typeof actions, Record<string, string>][] = [
      ["updateComponentAction", { id, name: "Renamed" }],
      ["deleteComponentAction", { id }],
      ["setStatusAction", { id, status: "major_outage" }],
      ["createGroupAction", { name: "New group" }],
      ["updateGroupAction", { id: groupId, name: "Renamed" }],
      ["deleteGroupAction", { id: groupId }],
      ["moveAction", { id, direction: "up" }],
      ["reorderAction", { order: `${id},${groupId}` }],
    ];
    for (const [name, fields] of attempts) {
      const result = await run(actions[name] as never, fields);
      expect(result.state, name).toMatchObject({ ok: false, message: expect.stringContaining("role does not allow") });
    }
    expect(db.select().from(components).where(eq(components.id, id)).get()).toMatchObject({
      name: "Mail",
      status: "operational",
      deletedAt: null,
    });
    expect(db.select().from(componentGroups).all()).toHaveLength(1);
  });

  it("refuses a cross-site post even with a valid admin session", async () => {
    actAs(db, makeUser(db, "admin"));
    fakeRequest.headers.set("origin", "https://evil.example");
    expect((await run(actions.createComponentAction, { name: "VPN" })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("another site"),
    });
    expect(liveNames()).toEqual([]);
  });
});

describe("services input", () => {
  beforeEach(() => actAs(db, makeUser(db, "admin")));

  it("names every bad field and keeps what was typed", async () => {
    const { state } = await run(actions.createComponentAction, {
      name: "x".repeat(101),
      description: "d".repeat(1001),
      startDate: "2026-02-30",
      groupId: "../etc",
    });
    expect(state).toMatchObject({ ok: false, values: { name: "x".repeat(101) } });
    expect(Object.keys(state!.errors!).sort()).toEqual(["description", "groupId", "name", "startDate"]);
    expect((await run(actions.createComponentAction, { name: "   " })).state?.errors?.name).toEqual(["Enter a name."]);
    expect(
      (await run(actions.createComponentAction, { name: "VPN", groupId: "aaaaaaaaaaaa" })).state?.errors?.groupId,
    ).toEqual(["This group does not exist."]);
    expect(liveNames()).toEqual([]);
  });

  it("sets a status by hand, recorded in the history with the member", async () => {
    const id = insertComponent(db, { pageId, name: "Mail", at: 1, actor: { source: "seed" } });
    const { state } = await run(actions.setStatusAction, { id, status: "partial_outage" });
    expect(state).toMatchObject({ ok: true, message: "Mail is now: Partial outage." });
    const last = db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, id))
      .all()
      .at(-1)!;
    expect(last).toMatchObject({ status: "partial_outage", source: "manual", userId: expect.any(String) });
    expect((await run(actions.setStatusAction, { id, status: "on_fire" })).state?.errors?.status).toBeTruthy();
  });

  it("refuses an order with ids from nowhere, and keeps the old one", async () => {
    const a = insertComponent(db, { pageId, name: "A", at: 1, actor: { source: "seed" } });
    const b = insertComponent(db, { pageId, name: "B", at: 1, actor: { source: "seed" } });
    const before = db.select({ id: components.id, position: components.position }).from(components).all();
    for (const order of [`${a},zzzzzzzzzzzz`, `${a}`, `${a},${a}`, `${a},${b},zzzzzzzzzzzz`, "not an id"]) {
      const { state } = await run(actions.reorderAction, { order });
      expect(state?.ok, order).toBe(false);
    }
    expect(db.select({ id: components.id, position: components.position }).from(components).all()).toEqual(before);
    expect((await run(actions.reorderAction, { order: `${b},${a}` })).state).toMatchObject({ ok: true });
    expect(
      db
        .select()
        .from(components)
        .all()
        .sort((x, y) => x.position - y.position)
        .map((c) => c.name),
    ).toEqual(["B", "A"]);
  });

  it("moves with the keyboard buttons and deletes softly", async () => {
    const a = insertComponent(db, { pageId, name: "A", at: 1, actor: { source: "seed" } });
    const b = insertComponent(db, { pageId, name: "B", at: 1, actor: { source: "seed" } });
    expect((await run(actions.moveAction, { id: b, direction: "up", label: "B" })).state).toMatchObject({
      ok: true,
      message: "Moved B up.",
    });
    const order = () =>
      db
        .select()
        .from(components)
        .all()
        .sort((x, y) => x.position - y.position)
        .map((c) => c.name);
    expect(order()).toEqual(["B", "A"]);
    expect((await run(actions.moveAction, { id: b, direction: "up" })).state).toMatchObject({
      ok: false,
      message: "Already first.",
    });
    expect(await run(actions.deleteComponentAction, { id: a })).toEqual({ redirect: expect.any(String) });
    expect(db.select().from(components).where(eq(components.id, a)).get()!.deletedAt).not.toBeNull();
    expect((await run(actions.deleteComponentAction, { id: a })).state).toMatchObject({ ok: false });
  });

  it("deleting a group keeps its services at the top level", async () => {
    const groupId = insertGroup(db, { pageId, name: "G", at: 1 });
    const inside = insertComponent(db, { pageId, groupId, name: "Inside", at: 1, actor: { source: "seed" } });
    expect(await run(actions.deleteGroupAction, { id: groupId })).toEqual({ redirect: expect.any(String) });
    expect(db.select().from(components).where(eq(components.id, inside)).get()).toMatchObject({
      groupId: null,
      deletedAt: null,
    });
  });
});

describe("the public response-time chart setting", () => {
  it("is off for a new service and saved on and off from the form's checkbox", async () => {
    actAs(db, makeUser(db, "admin"));
    await run(actions.createComponentAction, { name: "Portal" });
    const portal = () => db.select().from(components).where(eq(components.name, "Portal")).get()!;
    expect(portal().showResponseTime).toBe(false);
    await run(actions.updateComponentAction, { id: portal().id, name: "Portal", showResponseTime: "on" });
    expect(portal().showResponseTime).toBe(true);
    await run(actions.updateComponentAction, { id: portal().id, name: "Portal" });
    expect(portal().showResponseTime).toBe(false);
  });
});

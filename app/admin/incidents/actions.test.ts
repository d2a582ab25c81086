// The Incidents actions called directly, as each role and as nobody: refusals change nothing, bad input is
// named per field, and each step reaches the services and the timeline.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { listOpenIncidents, searchIncidentHistory } from "@/db/queries/console-incidents";
import { getThePage } from "@/db/queries/settings";
import { components, incidents, incidentUpdates, notifications } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
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
let vpn: string;
let mail: string;
beforeEach(() => {
  ({ db, pageId } = installTestDatabase());
  vpn = insertComponent(db, { pageId, name: "VPN", at: 1, actor: { source: "seed" } });
  mail = insertComponent(db, { pageId, name: "Email", at: 1, actor: { source: "seed" } });
});
afterEach(() => removeTestDatabase());

const statusOf = (id: string) => db.select().from(components).where(eq(components.id, id)).get()!.status;
const allIncidents = () => db.select().from(incidents).all();
const updatesOf = (id: string) =>
  db
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, id))
    .orderBy(asc(incidentUpdates.displayAt))
    .all();
const declareFields = (extra: Record<string, string> = {}) => ({
  name: "VPN down",
  status: "investigating",
  message: "Looking into it.",
  notify: "on",
  [`service:${vpn}`]: "major_outage",
  ...extra,
});

async function declare(extra: Record<string, string> = {}): Promise<string> {
  const { redirect } = await run(actions.declareIncidentAction, declareFields(extra));
  expect(redirect).toMatch(/^\/admin\/incidents\/[a-z0-9]+\?done=/);
  return redirect!.split("/")[3].split("?")[0];
}

describe("who may run the incident actions", () => {
  it("refuses nobody and a cross-site post; lets an editor, an admin and an owner declare", async () => {
    actAs(db, null);
    expect((await run(actions.declareIncidentAction, declareFields())).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
    actAs(db, makeUser(db, "owner"));
    fakeRequest.headers.set("origin", "https://evil.example");
    expect((await run(actions.declareIncidentAction, declareFields())).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("another site"),
    });
    fakeRequest.headers.delete("origin");
    expect(allIncidents()).toEqual([]);
    expect(statusOf(vpn)).toBe("operational");

    for (const role of ["editor", "admin", "owner"] as const) {
      actAs(db, makeUser(db, role));
      await declare({ name: `Declared by ${role}` });
    }
    expect(
      allIncidents()
        .map((i) => i.name)
        .sort(),
    ).toEqual(["Declared by admin", "Declared by editor", "Declared by owner"]);
    expect(statusOf(vpn)).toBe("major_outage");
  });

  it("refuses every other action to nobody, and deleting an update to an editor; nothing changes", async () => {
    actAs(db, makeUser(db, "admin"));
    const id = await declare();
    await run(actions.postIncidentUpdateAction, { id, status: "identified", message: "Found it.", notify: "on" });
    const [first, second] = updatesOf(id);
    const before = { incident: db.select().from(incidents).all(), updates: db.select().from(incidentUpdates).all() };

    const attempts: [keyof typeof actions, Record<string, string>][] = [
      ["postIncidentUpdateAction", { id, status: "resolved", message: "Fixed.", restoreComponents: "on" }],
      ["editIncidentUpdateAction", { id, updateId: first.id, message: "Changed" }],
      ["deleteIncidentUpdateAction", { id, updateId: second.id }],
      ["savePostmortemAction", { id, body: "What happened" }],
      ["publishPostmortemAction", { id, notify: "on" }],
    ];
    actAs(db, null);
    for (const [name, fields] of attempts) {
      expect((await run(actions[name] as never, fields)).state, name).toMatchObject({
        ok: false,
        message: expect.stringContaining("Sign in again"),
      });
    }
    actAs(db, makeUser(db, "editor"));
    expect((await run(actions.deleteIncidentUpdateAction, { id, updateId: second.id })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("role does not allow"),
    });
    expect({ incident: db.select().from(incidents).all(), updates: db.select().from(incidentUpdates).all() }).toEqual(
      before,
    );
    expect(statusOf(vpn)).toBe("major_outage");

    // An editor may correct text; an admin and an owner may delete.
    expect(
      (await run(actions.editIncidentUpdateAction, { id, updateId: first.id, message: "Corrected." })).state,
    ).toMatchObject({ ok: true });
    expect(updatesOf(id)[0].body).toBe("Corrected.");
    actAs(db, makeUser(db, "owner"));
    expect(await run(actions.deleteIncidentUpdateAction, { id, updateId: second.id })).toEqual({
      redirect: expect.stringContaining(`/admin/incidents/${id}`),
    });
    expect(updatesOf(id)).toHaveLength(1);
  });
});

describe("declaring an incident", () => {
  beforeEach(() => actAs(db, makeUser(db, "editor")));

  it("names every bad field and keeps what was typed", async () => {
    const empty = (await run(actions.declareIncidentAction, { name: "  ", status: "investigating", message: "" }))
      .state!;
    expect(empty.ok).toBe(false);
    expect(Object.keys(empty.errors!)).toEqual(expect.arrayContaining(["name", "message"]));

    const long = (
      await run(actions.declareIncidentAction, declareFields({ name: "x".repeat(101), message: "m".repeat(10_001) }))
    ).state!;
    expect(long.errors?.name?.[0]).toMatch(/at most 100/);
    expect(long.values?.name).toBe("x".repeat(101));
    expect(
      (await run(actions.declareIncidentAction, declareFields({ message: "m".repeat(10_001) }))).state?.errors
        ?.message?.[0],
    ).toMatch(/at most 10,000/);

    expect(
      (await run(actions.declareIncidentAction, declareFields({ status: "on_fire" }))).state?.errors?.status,
    ).toBeTruthy();
    expect(
      (await run(actions.declareIncidentAction, declareFields({ impactOverride: "apocalyptic" }))).state?.errors
        ?.impactOverride,
    ).toBeTruthy();
    expect(
      (await run(actions.declareIncidentAction, declareFields({ [`service:${vpn}`]: "on_fire" }))).state?.errors
        ?.componentStatuses,
    ).toBeTruthy();
    expect(
      (await run(actions.declareIncidentAction, declareFields({ "service:zzzzzzzzzzzz": "major_outage" }))).state
        ?.errors?.componentStatuses?.[0],
    ).toMatch(/Unknown or deleted service/);
    db.update(components).set({ deletedAt: 2 }).where(eq(components.id, mail)).run();
    expect(
      (await run(actions.declareIncidentAction, declareFields({ [`service:${mail}`]: "major_outage" }))).state?.errors
        ?.componentStatuses?.[0],
    ).toMatch(/Unknown or deleted service/);

    expect(
      (await run(actions.declareIncidentAction, declareFields({ startedAt: "yesterday" }))).state?.errors?.startedAt,
    ).toEqual(["Enter a date and time."]);
    expect(
      (await run(actions.declareIncidentAction, declareFields({ startedAt: "2999-01-01T10:00" }))).state?.errors
        ?.startedAt?.[0],
    ).toMatch(/cannot be in the future/);

    expect(allIncidents()).toEqual([]);
    expect(statusOf(vpn)).toBe("operational");
  });

  it("notifies by default, and never for a backfilled start", async () => {
    const live = await declare();
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.incidentId === live),
    ).toHaveLength(1);
    const old = await declare({ name: "Found later", startedAt: "2020-01-01T10:00" });
    const backfilled = db.select().from(incidents).where(eq(incidents.id, old)).get()!;
    expect(backfilled).toMatchObject({ backfilled: true, startedAt: Date.UTC(2020, 0, 1, 10, 0) });
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.incidentId === old),
    ).toEqual([]);
  });
});

describe("updates, resolution and the postmortem", () => {
  beforeEach(() => actAs(db, makeUser(db, "editor")));

  it("resolves with the services restored, refuses to post on it unless reopened", async () => {
    const id = await declare();
    const bad = (await run(actions.postIncidentUpdateAction, { id, status: "monitoring", message: "" })).state!;
    expect(bad.errors?.message).toBeTruthy();
    expect(
      (await run(actions.postIncidentUpdateAction, { id, status: "monitoring", message: "m".repeat(10_001) })).state
        ?.errors?.message,
    ).toBeTruthy();
    expect(
      (
        await run(actions.postIncidentUpdateAction, {
          id,
          status: "monitoring",
          message: "ok",
          "service:zzzzzzzzzzzz": "operational",
        })
      ).state?.errors?.componentStatuses,
    ).toBeTruthy();
    expect(
      (await run(actions.postIncidentUpdateAction, { id: "zzzzzzzzzzzz", status: "monitoring", message: "ok" })).state,
    ).toMatchObject({ ok: false, message: "Incident was not found." });
    expect(updatesOf(id)).toHaveLength(1);

    expect(
      (
        await run(actions.postIncidentUpdateAction, {
          id,
          status: "resolved",
          message: "Fixed.",
          restoreComponents: "on",
          notify: "on",
        })
      ).state,
    ).toMatchObject({ ok: true, message: "Update posted." });
    expect(statusOf(vpn)).toBe("operational");

    const refused = (await run(actions.postIncidentUpdateAction, { id, status: "investigating", message: "Again?" }))
      .state!;
    expect(refused).toMatchObject({ ok: false, errors: { status: ["This incident is resolved."] } });
    expect(updatesOf(id)).toHaveLength(2);
    expect(
      (
        await run(actions.postIncidentUpdateAction, {
          id,
          status: "investigating",
          message: "Back.",
          reopen: "on",
          [`service:${vpn}`]: "partial_outage",
        })
      ).state,
    ).toMatchObject({ ok: true, message: expect.stringContaining("reopened") });
    expect(db.select().from(incidents).where(eq(incidents.id, id)).get()!.status).toBe("investigating");
    expect(statusOf(vpn)).toBe("partial_outage");
  });

  it("resolving without restoring leaves the services as they are", async () => {
    const id = await declare();
    expect(
      (await run(actions.postIncidentUpdateAction, { id, status: "resolved", message: "Done." })).state,
    ).toMatchObject({ ok: true });
    expect(statusOf(vpn)).toBe("major_outage");
  });

  it("corrects text, refuses empty text, and keeps the last update", async () => {
    const id = await declare();
    const [only] = updatesOf(id);
    expect(
      (await run(actions.editIncidentUpdateAction, { id, updateId: only.id, message: " " })).state?.errors?.message,
    ).toBeTruthy();
    expect(
      (await run(actions.editIncidentUpdateAction, { id, updateId: "zzzzzzzzzzzz", message: "x" })).state,
    ).toMatchObject({ ok: false });
    actAs(db, makeUser(db, "admin"));
    expect((await run(actions.deleteIncidentUpdateAction, { id, updateId: only.id })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("at least one update"),
    });
    expect(updatesOf(id)).toHaveLength(1);
  });

  it("saves a postmortem draft only once resolved, then publishes it once", async () => {
    const id = await declare();
    expect((await run(actions.savePostmortemAction, { id, body: "Early" })).state?.errors?.body).toEqual([
      "Resolve the incident first.",
    ]);
    await run(actions.postIncidentUpdateAction, { id, status: "resolved", message: "Fixed.", restoreComponents: "on" });
    expect((await run(actions.publishPostmortemAction, { id, body: "", notify: "on" })).state?.errors?.body).toEqual([
      "Write the postmortem.",
    ]);
    expect((await run(actions.savePostmortemAction, { id, body: "" })).state?.errors?.body).toBeTruthy();
    expect(
      (await run(actions.savePostmortemAction, { id, body: "p".repeat(50_001) })).state?.errors?.body,
    ).toBeTruthy();
    expect((await run(actions.savePostmortemAction, { id, body: "## What happened\nA cable." })).state).toMatchObject({
      ok: true,
    });
    expect(db.select().from(incidents).where(eq(incidents.id, id)).get()).toMatchObject({
      postmortemBody: "## What happened\nA cable.",
      postmortemPublishedAt: null,
    });
    expect(
      (await run(actions.publishPostmortemAction, { id, body: "## What happened\nA cable.", notify: "on" })).state,
    ).toMatchObject({ ok: true, message: "Postmortem published." });
    expect(db.select().from(incidents).where(eq(incidents.id, id)).get()!.postmortemPublishedAt).not.toBeNull();
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.incidentId === id && n.kind === "postmortem_published"),
    ).toHaveLength(1);
  });
});

describe("the incidents list", () => {
  it("flags an open incident quiet for longer than the page allows, and lists resolved ones apart", async () => {
    actAs(db, makeUser(db, "editor"));
    const open = await declare({ name: "Quiet one" });
    const closed = await declare({ name: "Done one" });
    await run(actions.postIncidentUpdateAction, { id: closed, status: "resolved", message: "Fixed." });
    const page = getThePage(db);
    const soon = listOpenIncidents(db, page, Date.now() + 5 * 60_000);
    expect(soon.map((i) => [i.id, i.stale])).toEqual([[open, false]]);
    const later = listOpenIncidents(db, page, Date.now() + (page.staleIncidentMinutes + 1) * 60_000);
    expect(later[0]).toMatchObject({ id: open, stale: true, quietMinutes: page.staleIncidentMinutes + 1 });
    expect(searchIncidentHistory(db, page.id, { status: "resolved" }).rows.map((i) => i.id)).toEqual([closed]);
  });
});

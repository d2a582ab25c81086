// The incident actions that record what happened: a backfilled incident declared as resolved asks for its end
// time (per field), and Publish publishes the postmortem that is in the box, saved or not.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { incidents, incidentUpdates, notifications } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import {
  actAs,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  runAction as run,
} from "@/services/testing/auth-harness";

const actions = await import("./actions");

let db: Db;
let vpn: string;
beforeEach(() => {
  let pageId: string;
  ({ db, pageId } = installTestDatabase());
  vpn = insertComponent(db, { pageId, name: "VPN", at: 1, actor: { source: "seed" } });
  actAs(db, makeUser(db, "editor"));
});
afterEach(() => removeTestDatabase());

const one = (id: string) => db.select().from(incidents).where(eq(incidents.id, id)).get()!;
const backfill = (extra: Record<string, string> = {}) => ({
  name: "Found in the logs",
  status: "resolved",
  message: "The VPN dropped overnight.",
  notify: "on",
  startedAt: "2020-01-01T10:00",
  [`service:${vpn}`]: "major_outage",
  ...extra,
});

describe("declaring a backfilled incident as resolved", () => {
  it("asks for the end time per field, checks it, and keeps what was typed", async () => {
    const missing = (await run(actions.declareIncidentAction, backfill())).state!;
    expect(missing).toMatchObject({
      ok: false,
      errors: { resolvedAt: [expect.stringMatching(/when it ended/i)] },
      values: { name: "Found in the logs", startedAt: "2020-01-01T10:00" },
    });
    expect(
      (await run(actions.declareIncidentAction, backfill({ resolvedAt: "soon" }))).state?.errors?.resolvedAt,
    ).toEqual(["Enter a date and time."]);
    expect(
      (await run(actions.declareIncidentAction, backfill({ resolvedAt: "2020-01-01T09:00" }))).state?.errors
        ?.resolvedAt?.[0],
    ).toMatch(/after the start/);
    expect(
      (await run(actions.declareIncidentAction, backfill({ resolvedAt: "2999-01-01T09:00" }))).state?.errors
        ?.resolvedAt?.[0],
    ).toMatch(/future/);
    expect(db.select().from(incidents).all()).toEqual([]);
  });

  it("records it from the start to the end given, without notifying", async () => {
    const { redirect } = await run(actions.declareIncidentAction, backfill({ resolvedAt: "2020-01-01T12:30" }));
    const id = redirect!.split("/")[3].split("?")[0];
    expect(one(id)).toMatchObject({
      status: "resolved",
      backfilled: true,
      startedAt: Date.UTC(2020, 0, 1, 10, 0),
      resolvedAt: Date.UTC(2020, 0, 1, 12, 30),
    });
    expect(db.select().from(notifications).all()).toEqual([]);
  });
});

describe("publishing a postmortem", () => {
  async function resolvedIncident(): Promise<string> {
    const { redirect } = await run(actions.declareIncidentAction, {
      name: "VPN down",
      status: "investigating",
      message: "Looking.",
      notify: "on",
    });
    const id = redirect!.split("/")[3].split("?")[0];
    await run(actions.postIncidentUpdateAction, { id, status: "resolved", message: "Fixed.", restoreComponents: "on" });
    return id;
  }

  it("publishes the text in the box without saving a draft first", async () => {
    const id = await resolvedIncident();
    const { state } = await run(actions.publishPostmortemAction, {
      id,
      body: "## Root cause\nA controller aged out.",
      notify: "on",
    });
    expect(state).toMatchObject({ ok: true, message: "Postmortem published." });
    expect(one(id)).toMatchObject({
      postmortemBody: "## Root cause\nA controller aged out.",
      postmortemPublishedAt: expect.any(Number),
    });
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.kind === "postmortem_published"),
    ).toHaveLength(1);
  });

  it("publishes the edited text over a saved draft, and refuses an empty box per field", async () => {
    const id = await resolvedIncident();
    await run(actions.savePostmortemAction, { id, body: "Draft" });
    expect(
      (await run(actions.publishPostmortemAction, { id, body: "  ", notify: "on" })).state?.errors?.body?.[0],
    ).toMatch(/write the postmortem/i);
    expect(one(id)).toMatchObject({ postmortemBody: "Draft", postmortemPublishedAt: null });
    await run(actions.publishPostmortemAction, { id, body: "Final text", notify: "on" });
    expect(one(id)).toMatchObject({ postmortemBody: "Final text", postmortemPublishedAt: expect.any(Number) });
    expect(
      db
        .select()
        .from(incidentUpdates)
        .where(eq(incidentUpdates.incidentId, id))
        .orderBy(asc(incidentUpdates.displayAt))
        .all(),
    ).toHaveLength(2);
  });
});

// Resolving from the console needs no typed message: an empty one posts the default text. Other updates
// still need their words.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Db } from "@/db";
import { incidents, incidentUpdates } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { RESOLVED_DEFAULT_MESSAGE } from "@/services/console/incident-defaults";
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

it("resolves with the default message when none is typed, and still asks for one otherwise", async () => {
  const { redirect } = await run(actions.declareIncidentAction, {
    name: "VPN down",
    status: "investigating",
    message: "Looking into it.",
    notify: "on",
    [`service:${vpn}`]: "major_outage",
  });
  const id = redirect!.split("/")[3].split("?")[0];

  const quiet = await run(actions.postIncidentUpdateAction, { id, status: "monitoring", message: "  ", notify: "on" });
  expect(quiet.state).toMatchObject({ ok: false, errors: { message: [expect.any(String)] } });

  const resolved = await run(actions.postIncidentUpdateAction, {
    id,
    status: "resolved",
    message: "",
    notify: "on",
    restoreComponents: "on",
  });
  expect(resolved.state).toMatchObject({ message: "Update posted." });
  const updates = db
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, id))
    .orderBy(asc(incidentUpdates.displayAt))
    .all();
  expect(updates.map((u) => [u.status, u.body])).toEqual([
    ["investigating", "Looking into it."],
    ["resolved", RESOLVED_DEFAULT_MESSAGE],
  ]);
  expect(db.select().from(incidents).where(eq(incidents.id, id)).get()!.status).toBe("resolved");
});

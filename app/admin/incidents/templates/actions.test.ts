// The template actions called directly, as each role and as nobody; bad input is named per field.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { incidentTemplates } from "@/db/schema";
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

const rows = () => db.select().from(incidentTemplates).all();
const fields = (extra: Record<string, string | string[]> = {}) => ({
  name: "VPN outage",
  title: "VPN unavailable",
  body: "Looking into it.",
  status: "investigating",
  componentStatus: "major_outage",
  services: [vpn],
  ...extra,
});

describe("incident template actions", () => {
  it("refuse nobody and a cross-site post, for create, update and delete alike", async () => {
    actAs(db, makeUser(db, "editor"));
    expect((await runAction(actions.createTemplateAction, fields())).redirect).toMatch(
      /^\/admin\/incidents\/templates\?done=/,
    );
    const id = rows()[0].id;
    actAs(db, null);
    for (const [action, extra] of [
      [actions.createTemplateAction, {}],
      [actions.updateTemplateAction, { id, name: "Changed" }],
      [actions.deleteTemplateAction, { id }],
    ] as const) {
      expect((await runAction(action, fields(extra))).state).toMatchObject({
        ok: false,
        message: expect.stringContaining("Sign in again"),
      });
    }
    actAs(db, makeUser(db, "owner"));
    fakeRequest.headers.set("origin", "https://evil.example");
    expect((await runAction(actions.deleteTemplateAction, { id })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("another site"),
    });
    fakeRequest.headers.delete("origin");
    expect(rows().map((t) => t.name)).toEqual(["VPN outage"]);
  });

  it("let every role save, edit and delete a template", async () => {
    for (const role of ["editor", "admin", "owner"] as const) {
      actAs(db, makeUser(db, role));
      await runAction(actions.createTemplateAction, fields({ name: `By ${role}` }));
    }
    expect(rows()).toHaveLength(3);
    expect(rows()[0]).toMatchObject({ componentIds: [vpn], componentStatus: "major_outage" });
    const id = rows()[0].id;
    await runAction(actions.updateTemplateAction, fields({ id, name: "Edited", services: [] }));
    expect(rows().find((t) => t.id === id)).toMatchObject({ name: "Edited", componentIds: [] });
    expect((await runAction(actions.deleteTemplateAction, { id })).redirect).toBe(
      "/admin/incidents/templates?done=template-deleted",
    );
    expect(rows()).toHaveLength(2);
  });

  it("name each bad field, keep what was typed (services too) and save nothing", async () => {
    actAs(db, makeUser(db, "editor"));
    const { state } = await runAction(
      actions.createTemplateAction,
      fields({
        name: "",
        title: "t".repeat(101),
        status: "postmortem",
        componentStatus: "on_fire",
        services: [vpn, "zzzzzzzzzzzz"],
      }),
    );
    expect(state).toMatchObject({ ok: false, message: "Please correct the fields marked below." });
    expect(Object.keys(state!.errors!).sort()).toEqual(["componentStatus", "name", "status", "title"]);
    expect(state!.values).toMatchObject({ title: "t".repeat(101), services: `${vpn},zzzzzzzzzzzz` });
    const unknown = (await runAction(actions.createTemplateAction, fields({ services: [vpn, "zzzzzzzzzzzz"] }))).state;
    expect(unknown?.errors).toEqual({ services: ["Unknown or deleted service: zzzzzzzzzzzz."] });
    expect(rows()).toEqual([]);
    expect((await runAction(actions.updateTemplateAction, fields({ id: "zzzzzzzzzzzz" }))).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("not found"),
    });
    expect((await runAction(actions.deleteTemplateAction, { id: "../../etc" })).state).toMatchObject({
      ok: false,
      errors: { id: ["Not a valid id."] },
    });
  });
});

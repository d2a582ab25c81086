// Item 6 at the console's forms: a control character is named on its field, what was typed is kept, and
// nothing is written. Through the real Server Actions (services/testing/auth-harness).
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { components, incidents, incidentUpdates } from "@/db/schema";
import {
  actAs,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  runAction as run,
} from "@/services/testing/auth-harness";

const incidentActions = await import("@/app/admin/incidents/actions");
const serviceActions = await import("@/app/admin/services/actions");

let db: Db;
beforeEach(() => {
  ({ db } = installTestDatabase());
  actAs(db, makeUser(db, "admin"));
});
afterEach(() => removeTestDatabase());

describe("console forms refuse control characters per field", () => {
  it("declaring an incident: the name and the message each get their own message", async () => {
    const state = (
      await run(incidentActions.declareIncidentAction, {
        name: "VPN\u0001 down",
        status: "investigating",
        message: "Looking\u000b into it",
      })
    ).state!;
    expect(state.ok).toBe(false);
    expect(state.errors?.name?.[0]).toBe(
      "Remove the control character U+0001 at character 4: it cannot be shown or sent.",
    );
    expect(state.errors?.message?.[0]).toContain("U+000B");
    expect(state.values?.name).toBe("VPN\u0001 down");
    expect(db.select().from(incidents).all()).toHaveLength(0);
  });

  it("a textarea's CRLF is fine in the message, and stored as LF", async () => {
    const { redirect } = await run(incidentActions.declareIncidentAction, {
      name: "VPN down",
      status: "investigating",
      message: "Line one\r\n\r\nLine two",
    });
    expect(redirect).toMatch(/^\/admin\/incidents\//);
    const id = redirect!.split("/")[3].split("?")[0];
    expect(db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, id)).get()!.body).toBe(
      "Line one\n\nLine two",
    );
  });

  it("a service name refuses a line break and U+001F; its description refuses U+0000", async () => {
    expect((await run(serviceActions.createComponentAction, { name: "VPN\nBcc: x" })).state?.errors?.name?.[0]).toMatch(
      /one line/,
    );
    expect((await run(serviceActions.createComponentAction, { name: "VPN\u001f" })).state?.errors?.name?.[0]).toContain(
      "U+001F",
    );
    expect(
      (await run(serviceActions.createComponentAction, { name: "VPN", description: "a\u0000b" })).state?.errors
        ?.description?.[0],
    ).toContain("U+0000");
    expect(db.select().from(components).all()).toHaveLength(0);
  });
});

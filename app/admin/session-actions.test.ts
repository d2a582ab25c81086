import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { sessions } from "@/db/schema";
import { actAs, fakeRequest, installTestDatabase, makeUser, removeTestDatabase } from "@/services/testing/auth-harness";

const { signOutAction } = await import("./session-actions");

let db: Db;
beforeEach(() => ({ db } = installTestDatabase()));
afterEach(() => removeTestDatabase());

const redirectTarget = (err: unknown) => (err as { digest?: string }).digest?.split(";")[2];

describe("signing out", () => {
  it("deletes the session on the server and the cookie", async () => {
    actAs(db, makeUser(db, "editor"));
    const err = await signOutAction().catch((e) => e);
    expect(redirectTarget(err)).toBe("/login");
    expect(db.select().from(sessions).all()).toHaveLength(0);
    expect(fakeRequest.cookies.has("session")).toBe(false);
  });

  it("is refused from another site", async () => {
    actAs(db, makeUser(db, "editor"));
    fakeRequest.headers.set("origin", "https://evil.example");
    const err = await signOutAction().catch((e) => e);
    expect(redirectTarget(err)).toBe("/admin");
    expect(db.select().from(sessions).all()).toHaveLength(1);
  });
});

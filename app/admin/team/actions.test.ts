import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { invitations, sessions, users } from "@/db/schema";
import { acceptInvitation } from "@/services/console/team";
import {
  actAs,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  formOf as form,
} from "@/services/testing/auth-harness";

const { inviteAction, changeRoleAction, removeMemberAction, revokeInvitationAction } = await import("./actions");

let db: Db;
beforeEach(() => ({ db } = installTestDatabase()));
afterEach(() => removeTestDatabase());

const roleOf = (id: string) => db.select().from(users).where(eq(users.id, id)).get()?.role;

describe("team actions", () => {
  it("are refused to nobody and to an editor", async () => {
    const owner = makeUser(db, "owner");
    const other = makeUser(db, "editor");
    actAs(db, null);
    expect(await inviteAction({}, form({ email: "new@example.org", role: "editor" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
    actAs(db, other);
    for (const [action, fields] of [
      [inviteAction, { email: "new@example.org", role: "editor" }],
      [changeRoleAction, { userId: owner.id, role: "editor" }],
      [removeMemberAction, { userId: owner.id }],
      [revokeInvitationAction, { id: "aaaaaaaaaaaa" }],
    ] as const) {
      expect(await action({}, form(fields))).toMatchObject({
        ok: false,
        message: expect.stringContaining("role does not allow"),
      });
    }
    expect(db.select().from(invitations).all()).toHaveLength(0);
    expect(roleOf(owner.id)).toBe("owner");
  });

  it("let an admin manage editors and admins, but not owners", async () => {
    const owner = makeUser(db, "owner");
    const editor = makeUser(db, "editor");
    actAs(db, makeUser(db, "admin"));
    expect(await inviteAction({}, form({ email: "boss@example.org", role: "owner" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("Only an owner"),
    });
    expect(await changeRoleAction({}, form({ userId: owner.id, role: "editor" }))).toMatchObject({ ok: false });
    expect(await changeRoleAction({}, form({ userId: editor.id, role: "owner" }))).toMatchObject({ ok: false });
    expect(await removeMemberAction({}, form({ userId: owner.id }))).toMatchObject({ ok: false });
    expect(roleOf(owner.id)).toBe("owner");
    expect(await changeRoleAction({}, form({ userId: editor.id, role: "admin" }))).toMatchObject({ ok: true });
    expect(roleOf(editor.id)).toBe("admin");
  });

  it("never demote or remove the last owner", async () => {
    const owner = makeUser(db, "owner");
    actAs(db, owner);
    expect(await changeRoleAction({}, form({ userId: owner.id, role: "admin" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("last owner"),
    });
    expect(await removeMemberAction({}, form({ userId: owner.id }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("last owner"),
    });
    const second = makeUser(db, "owner");
    expect(await changeRoleAction({}, form({ userId: second.id, role: "editor" }))).toMatchObject({ ok: true });
    const third = makeUser(db, "owner");
    expect(await removeMemberAction({}, form({ userId: third.id }))).toMatchObject({ ok: true });
    expect(roleOf(third.id)).toBeUndefined();
  });

  it("removing a member ends their sessions", async () => {
    const editor = makeUser(db, "editor");
    actAs(db, editor);
    actAs(db, makeUser(db, "owner"));
    expect(db.select().from(sessions).where(eq(sessions.userId, editor.id)).all()).toHaveLength(1);
    expect(await removeMemberAction({}, form({ userId: editor.id }))).toMatchObject({ ok: true });
    expect(db.select().from(sessions).where(eq(sessions.userId, editor.id)).all()).toHaveLength(0);
  });

  it("invite with a single-use link whose token is stored only hashed", async () => {
    actAs(db, makeUser(db, "owner"));
    expect(await inviteAction({}, form({ email: "not an email", role: "editor" }))).toMatchObject({
      ok: false,
      errors: { email: expect.any(Array) },
    });
    expect(await inviteAction({}, form({ email: "new@example.org", role: "superuser" }))).toMatchObject({
      ok: false,
      errors: { role: expect.any(Array) },
    });
    const state = await inviteAction({}, form({ email: "New@Example.org", role: "editor" }));
    const link = state.values!.link;
    const token = link.split("/invite/")[1];
    expect(JSON.stringify(db.select().from(invitations).all())).not.toContain(token);

    const first = await acceptInvitation(
      db,
      token,
      { name: "New", password: "a long password 1", ip: null },
      Date.now(),
    );
    expect(first.ok).toBe(true);
    expect(db.select().from(users).where(eq(users.email, "new@example.org")).get()?.role).toBe("editor");
    const again = await acceptInvitation(
      db,
      token,
      { name: "New", password: "a long password 1", ip: null },
      Date.now(),
    );
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("no longer valid") });
    expect(await inviteAction({}, form({ email: "new@example.org", role: "editor" }))).toMatchObject({
      ok: false,
      errors: { email: ["This person is already a member."] },
    });
  }, 20_000);

  it("refuse an expired or revoked invitation", async () => {
    actAs(db, makeUser(db, "owner"));
    const token = (await inviteAction({}, form({ email: "late@example.org", role: "editor" }))).values!.link.split(
      "/invite/",
    )[1];
    const eightDays = Date.now() + 8 * 24 * 3600 * 1000;
    expect(
      await acceptInvitation(db, token, { name: "Late", password: "a long password 1", ip: null }, eightDays),
    ).toMatchObject({ ok: false });
    const id = db.select().from(invitations).get()!.id;
    expect(await revokeInvitationAction({}, form({ id }))).toMatchObject({ ok: true });
    expect(
      await acceptInvitation(db, token, { name: "Late", password: "a long password 1", ip: null }, Date.now()),
    ).toMatchObject({ ok: false });
    expect(db.select().from(users).where(eq(users.email, "late@example.org")).get()).toBeUndefined();
  });
});

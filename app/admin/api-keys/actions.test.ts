// The API keys actions called directly, as each role and as nobody: only owners create and revoke; the key is
// returned once and only its hash is stored; a revoked key stops working at once.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { apiKeys, auditLog } from "@/db/schema";
import { authenticateApiKey, createApiKey, hashApiKey } from "@/services/api-keys";
import { SYSTEM } from "@/core/actor";
import {
  actAs,
  fakeRequest,
  installTestDatabase,
  makeUser,
  removeTestDatabase,
  formOf as form,
} from "@/services/testing/auth-harness";

const { createApiKeyAction, revokeApiKeyAction } = await import("./actions");

let db: Db;
beforeEach(() => ({ db } = installTestDatabase()));
afterEach(() => removeTestDatabase());

const create = (fields: Record<string, string>) => createApiKeyAction({}, form(fields));
const revoke = (fields: Record<string, string>) => revokeApiKeyAction({}, form(fields));

describe("who may manage API keys", () => {
  it("refuses nobody, editors and admins; lets an owner", async () => {
    actAs(db, null);
    expect(await create({ name: "CI", role: "admin" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
    for (const role of ["editor", "admin"] as const) {
      actAs(db, makeUser(db, role));
      expect(await create({ name: "CI", role: "admin" })).toMatchObject({
        ok: false,
        message: expect.stringContaining("role does not allow"),
      });
    }
    expect(db.select().from(apiKeys).all()).toEqual([]);
    actAs(db, makeUser(db, "owner"));
    expect(await create({ name: "CI", role: "admin" })).toMatchObject({ ok: true });
    expect(db.select().from(apiKeys).all()).toHaveLength(1);
  });

  it("lets only an owner revoke, and refuses a cross-site post", async () => {
    const key = createApiKey(db, SYSTEM, { name: "Grafana", role: "read" });
    actAs(db, null);
    expect(await revoke({ id: key.id })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
    for (const role of ["editor", "admin"] as const) {
      actAs(db, makeUser(db, role));
      expect(await revoke({ id: key.id })).toMatchObject({
        ok: false,
        message: expect.stringContaining("role does not allow"),
      });
    }
    actAs(db, makeUser(db, "owner"));
    fakeRequest.headers.set("origin", "https://evil.example");
    expect(await revoke({ id: key.id })).toMatchObject({ ok: false, message: expect.stringContaining("another site") });
    expect(authenticateApiKey(db, `Bearer ${key.key}`)).not.toBeNull();
  });
});

describe("API keys as an owner", () => {
  let owner: { id: string; email: string };
  beforeEach(() => {
    owner = makeUser(db, "owner");
    actAs(db, owner);
  });

  it("shows the new key once, stores only its hash, records the creator, and audits without the key", async () => {
    const state = await create({ name: "  Alertmanager ", role: "editor" });
    expect(state).toMatchObject({ ok: true, message: expect.stringContaining("Alertmanager") });
    const key = state.reveal!.key as string;
    expect(key).toMatch(/^sp_[A-Za-z0-9_-]{32}$/);
    const row = db.select().from(apiKeys).get()!;
    expect(row).toMatchObject({
      name: "Alertmanager",
      role: "editor",
      keyHash: hashApiKey(key),
      createdBy: owner.id,
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(key);
    expect(authenticateApiKey(db, `Bearer ${key}`)).toMatchObject({ role: "editor", label: 'API key "Alertmanager"' });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "api_key.create")).get()!;
    expect(entry).toMatchObject({
      actorId: owner.id,
      actorLabel: owner.email,
      targetId: row.id,
      detail: { name: "Alertmanager", role: "editor" },
    });
    expect(JSON.stringify(entry)).not.toContain(key);
    // The answer keeps no typed value that could hold the key.
    expect(JSON.stringify(state.values ?? {})).not.toContain(key);
  });

  it("names every bad field and keeps what was typed", async () => {
    const state = await create({ name: "n".repeat(101), role: "superuser" });
    expect(state).toMatchObject({ ok: false, values: { name: "n".repeat(101), role: "superuser" } });
    expect(Object.keys(state.errors!).sort()).toEqual(["name", "role"]);
    expect((await create({ name: "   ", role: "read" })).errors?.name).toEqual(["Enter a name for the key."]);
    expect((await create({ role: "read" })).errors?.name).toBeTruthy();
    expect(await create({ name: "n".repeat(100), role: "read" })).toMatchObject({ ok: true });
    expect(
      db
        .select()
        .from(apiKeys)
        .all()
        .map((k) => k.name.length),
    ).toEqual([100]);
  });

  it("revokes a key so the next request with it is refused, audited; a second revoke or a bad id changes nothing", async () => {
    const key = (await create({ name: "Deploy script", role: "admin" })).reveal!.key as string;
    const id = db.select().from(apiKeys).get()!.id;
    expect(await revoke({ id, name: "Deploy script" })).toMatchObject({
      ok: true,
      message: expect.stringContaining("Deploy script"),
    });
    expect(authenticateApiKey(db, `Bearer ${key}`)).toBeNull();
    expect(db.select().from(apiKeys).get()!.revokedAt).not.toBeNull();
    expect(db.select().from(auditLog).where(eq(auditLog.action, "api_key.revoke")).all()).toMatchObject([
      { actorId: owner.id, targetId: id },
    ]);
    expect(await revoke({ id })).toMatchObject({ ok: false, message: expect.stringContaining("not found") });
    expect(await revoke({ id: "zzzzzzzzzzzz" })).toMatchObject({ ok: false });
    expect((await revoke({ id: "../etc" })).errors?.id).toBeTruthy();
    expect(db.select().from(auditLog).where(eq(auditLog.action, "api_key.revoke")).all()).toHaveLength(1);
  });
});

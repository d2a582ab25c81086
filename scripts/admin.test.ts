import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { findUserById } from "@/db/queries/users";
import { insertUser } from "@/db/writes/users";
import { hashApiKey } from "@/services/api-keys";
import { createSession, lookupSession } from "@/services/auth/sessions";
import { hashPassword, verifyPassword } from "@/services/password";

const root = path.resolve(import.meta.dirname, "..");

function admin(args: string[], databasePath: string) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args],
    {
      cwd: root,
      env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: databasePath },
      encoding: "utf8",
      timeout: 30_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run admin -- create-api-key", () => {
  it("prints a new key once and stores only its hash", { timeout: 30_000 }, () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "status-admin-")), "status.db");
    const { status, stdout } = admin(["create-api-key", "--name", "deploy bot", "--role", "editor"], file);
    expect(status).toBe(0);
    const key = /^(sp_[\w-]+)$/m.exec(stdout)![1];
    const row = new Database(file).prepare("select name, role, key_hash, prefix from api_keys").get() as Record<
      string,
      string
    >;
    expect(row).toEqual({ name: "deploy bot", role: "editor", key_hash: hashApiKey(key), prefix: key.slice(0, 10) });
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it("explains bad arguments", { timeout: 60_000 }, () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "status-admin-")), "status.db");
    const bad = admin(["create-api-key", "--name", "x", "--role", "superuser"], file);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--role: Choose read, editor or admin/);
    expect(admin(["create-api-key", "--role", "read"], file).stderr).toMatch(/--name: Name the key/);
    expect(admin(["launch-rockets"], file)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("Usage: npm run admin"),
    });
  });
});

describe("npm run admin -- reset-password", () => {
  it("prints a new generated password once, which signs in; the old sessions end", { timeout: 60_000 }, async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "status-admin-")), "status.db");
    const db = openDatabase(file);
    const userId = insertUser(db, {
      email: "owner@example.org",
      passwordHash: await hashPassword("forgotten password 1"),
      role: "owner",
      at: Date.now(),
    });
    const old = createSession(db, { userId, pendingTwoFactor: false, now: Date.now() });
    db.$client.close();

    const { status, stdout } = admin(["reset-password", "--email", "Owner@Example.org"], file);
    expect(status).toBe(0);
    const password = /^Password: (\S+)$/m.exec(stdout)![1];
    expect(stdout.split(password)).toHaveLength(2);
    const check = openDatabase(file);
    expect(await verifyPassword(password, findUserById(check, userId)!.passwordHash)).toBe(true);
    expect(lookupSession(check, old.token, Date.now())).toBeNull();
    check.$client.close();
  });

  it("explains an unknown address or a missing --email", { timeout: 60_000 }, () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "status-admin-")), "status.db");
    expect(admin(["reset-password", "--email", "ghost@example.org"], file)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining("No member has the email ghost@example.org."),
    });
    expect(admin(["reset-password"], file)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining("--email: Give the member's email address"),
    });
  });
});

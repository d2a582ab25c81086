import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/api-keys";

const root = path.resolve(import.meta.dirname, "..");

function admin(args: string[], databasePath: string) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args], {
    cwd: root,
    env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: databasePath },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run admin -- create-api-key", () => {
  it("prints a new key once and stores only its hash", { timeout: 30_000 }, () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "status-admin-")), "status.db");
    const { status, stdout } = admin(["create-api-key", "--name", "deploy bot", "--role", "editor"], file);
    expect(status).toBe(0);
    const key = /^(sp_[\w-]+)$/m.exec(stdout)![1];
    const row = new Database(file).prepare("select name, role, key_hash, prefix from api_keys").get() as Record<string, string>;
    expect(row).toEqual({ name: "deploy bot", role: "editor", key_hash: hashApiKey(key), prefix: key.slice(0, 10) });
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it("explains bad arguments", { timeout: 60_000 }, () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "status-admin-")), "status.db");
    const bad = admin(["create-api-key", "--name", "x", "--role", "superuser"], file);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--role: Choose read, editor or admin/);
    expect(admin(["create-api-key", "--role", "read"], file).stderr).toMatch(/--name: Name the key/);
    expect(admin(["launch-rockets"], file)).toMatchObject({ status: 2, stderr: expect.stringContaining("Usage: npm run admin") });
  });
});

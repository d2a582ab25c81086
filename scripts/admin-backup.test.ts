// `npm run admin -- backup` and `restore` as processes, on real database files.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { addComponent } from "@/services/testing/scenario";

const root = path.resolve(import.meta.dirname, "..");
const admin = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    cwd: root,
    env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("npm run admin -- backup / restore", () => {
  it("snapshots, restores into a new verified file, and refuses a corrupt snapshot", { timeout: 90_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-backup-"));
    const live = path.join(dir, "live.db");
    const db = openDatabase(live);
    ensurePage(db, { name: "Backed up", timeZone: "Etc/UTC", at: Date.now() });
    addComponent(db, db.select().from(pages).get()!.id, "API");
    db.$client.close();
    const env = { DATABASE_PATH: live, BACKUP_FOLDER: path.join(dir, "snapshots") };

    const backup = admin(["backup"], env);
    expect(backup.stderr).toBe("");
    expect(backup.stdout).toMatch(
      /^Snapshot .*status-\d{8}T\d{9}Z\.db\.gz \(\d+ bytes compressed\) in \d+ ms; 0 old snapshots removed\./,
    );

    const fresh = path.join(dir, "elsewhere", "restored.db");
    const restore = admin(["restore", fresh], env);
    expect(restore.stderr).toBe("");
    expect(restore.stdout).toContain("Integrity check: ok.");
    expect(restore.stdout).toMatch(/Counts: pages 1, components 1, incidents 0/);
    const restored = openDatabase(fresh);
    expect(restored.select().from(pages).get()!.name).toBe("Backed up");
    restored.$client.close();

    expect(admin(["restore", fresh], env).stderr).toMatch(/Not restored: .* exists: restore into a new file/);
    expect(admin(["restore", path.join(dir, "x.db"), "--at", "yesterday-ish"], env).stderr).toMatch(
      /--at: Give a time/,
    );
    const [snapshot] = fs.readdirSync(env.BACKUP_FOLDER);
    fs.writeFileSync(path.join(env.BACKUP_FOLDER, snapshot), "garbage");
    const corrupt = admin(["restore", path.join(dir, "y.db")], env);
    expect(corrupt.status).toBe(1);
    expect(corrupt.stderr).toMatch(/Not restored: The snapshot status-.*\.db\.gz is corrupt: it does not decompress/);
    expect(fs.existsSync(path.join(dir, "y.db"))).toBe(false);
    expect(admin(["backup"], { DATABASE_PATH: live }).stderr).toMatch(/BACKUP_FOLDER is not set/);
  });
});

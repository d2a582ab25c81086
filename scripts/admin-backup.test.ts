// `npm run admin -- backup` and `restore` as processes, on real database files.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { addComponent } from "@/services/testing/scenario";
import { S3_CREDENTIALS, startS3 } from "@/services/testing/s3-server";

const root = path.resolve(import.meta.dirname, "..");
const admin = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    cwd: root,
    env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

/** As a child the test's own s3rver can answer while it runs (spawnSync would block this process). */
function adminAsync(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    cwd: root,
    env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (status) => resolve({ status, stdout, stderr })),
  );
}

describe("npm run admin -- backup / restore", () => {
  it(
    "backs up to an S3-compatible bucket and restores from s3://bucket/prefix, --at included",
    { timeout: 120_000 },
    async () => {
      const s3 = await startS3(0, ["status-backups"]);
      try {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-backup-s3-"));
        const live = path.join(dir, "live.db");
        const db = openDatabase(live);
        ensurePage(db, { name: "In the bucket", timeZone: "Etc/UTC", at: Date.now() });
        db.$client.close();
        const env = {
          DATABASE_PATH: live,
          BACKUP_S3_BUCKET: "status-backups",
          BACKUP_S3_PREFIX: "prod/db",
          BACKUP_S3_ENDPOINT: s3.endpoint,
          BACKUP_S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
          BACKUP_S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
          // The SDK's notice that its 2027 releases need Node 22 (stack.md pins this one) would fill stderr.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        };
        const backup = await adminAsync(["backup"], env);
        expect(backup.stderr).toBe("");
        expect(backup.stdout).toMatch(
          /^Snapshot s3:\/\/status-backups\/prod\/db\/status-\d{8}T\d{9}Z\.db\.gz \(\d+ bytes/,
        );
        const takenAt = new Date().toISOString();

        const fresh = path.join(dir, "standby", "status.db");
        const restore = await adminAsync(["restore", "s3://status-backups/prod/db", fresh, "--at", takenAt], env);
        expect(restore.stderr).toBe("");
        expect(restore.stdout).toMatch(/^Restored s3:\/\/status-backups\/prod\/db\/status-/);
        expect(restore.stdout).toContain("Integrity check: ok.");
        const restored = openDatabase(fresh);
        expect(restored.select().from(pages).get()!.name).toBe("In the bucket");
        restored.$client.close();
        // The configured bucket by its kind, and a prefix with nothing in it.
        expect((await adminAsync(["restore", "s3", path.join(dir, "b.db")], env)).stdout).toContain(
          "Integrity check: ok.",
        );
        const empty = await adminAsync(["restore", "s3://status-backups/elsewhere", path.join(dir, "c.db")], env);
        expect(empty.status).toBe(1);
        expect(empty.stderr).toMatch(/Not restored: No snapshot in s3:\/\/status-backups\/elsewhere/);
        const early = await adminAsync(["restore", "s3", path.join(dir, "d.db"), "--at", "2000-01-01T00:00Z"], env);
        expect(early.stderr).toMatch(/No snapshot .* taken at or before 2000-01-01/);
        const bad = await adminAsync(["restore", "s3://Not_A_Bucket", path.join(dir, "e.db")], env);
        expect(bad.stderr).toMatch(/Not restored: s3:\/\/Not_A_Bucket: "Not_A_Bucket" is not a bucket name/);
      } finally {
        await s3.close();
      }
    },
  );

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
    expect(admin(["backup"], { DATABASE_PATH: live }).stderr).toMatch(
      /Neither BACKUP_FOLDER nor BACKUP_S3_BUCKET is set/,
    );
  });
});

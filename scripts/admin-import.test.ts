// The import and export commands as an operator runs them: `npm run admin -- import statuspage` against the
// fake Statuspage (STATUSPAGE_API_URL) at Statuspage's real pace of one request a second, then
// `export --out` and `import <file>` into a fresh database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { ensurePage } from "@/db/writes/page";
import { startFakeStatuspage, type FakeStatuspage } from "@/services/testing/fake-statuspage";

const root = path.resolve(import.meta.dirname, "..");
let fake: FakeStatuspage;
beforeAll(async () => {
  fake = await startFakeStatuspage({ port: 3183, incidents: 20, maintenances: 3, subscribers: 150 });
});
afterAll(() => fake.close());

/** Runs the script without blocking this process, which serves the fake Statuspage. */
function admin(args: string[], databasePath: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", ...args],
      {
        cwd: root,
        env: {
          NODE_ENV: "test",
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_PATH: databasePath,
          STATUSPAGE_API_URL: fake.apiUrl,
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
const newDb = (withPage: boolean) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "status-admin-import-")), "status.db");
  const db = openDatabase(file);
  if (withPage) ensurePage(db, { name: "Status", timeZone: "Etc/UTC", at: Date.now() });
  db.$client.close();
  return file;
};
const count = (file: string, table: string) =>
  (new Database(file, { readonly: true }).prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

describe("npm run admin -- import statuspage / export / import", () => {
  it("previews, imports at about one request a second, then moves the installation", { timeout: 120_000 }, async () => {
    const file = newDb(true);
    const base = ["import", "statuspage", "--page-id", fake.pageId, "--api-key", fake.apiKey];
    const preview = await admin(base, file);
    expect(preview.status, preview.stderr).toBe(0);
    expect(preview.stdout).toContain("incidents and maintenances: 23 to create");
    expect(preview.stdout).toContain("Nothing written: run again with --yes");
    expect(count(file, "components")).toBe(0);

    const before = fake.requests().length;
    const started = Date.now();
    const imported = await admin([...base, "--yes"], file);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Nobody was notified.");
    const requests = fake.requests().length - before;
    expect(Date.now() - started).toBeGreaterThanOrEqual((requests - 1) * 1000);
    expect(count(file, "components")).toBe(12);
    expect(count(file, "notifications")).toBe(0);

    const wrong = await admin(["import", "statuspage", "--page-id", fake.pageId, "--api-key", "nope"], file);
    expect(wrong).toMatchObject({ status: 1, stderr: expect.stringContaining("Statuspage refused the API key") });

    const backup = path.join(path.dirname(file), "backup.json.gz");
    const exported = await admin(["export", "--out", backup], file);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toContain("without password hashes and secrets");
    const target = newDb(true);
    const restored = await admin(["import", backup], target);
    expect(restored.status, restored.stderr).toBe(0);
    expect(count(target, "incidents")).toBe(23);
    expect(count(target, "subscribers")).toBe(count(file, "subscribers"));
    const again = await admin(["import", backup], target);
    expect(again).toMatchObject({ status: 1, stderr: expect.stringContaining("This installation is not empty") });
  });

  it(
    "--prune removes what is gone at the source; without it the preview only lists it",
    { timeout: 120_000 },
    async () => {
      const file = newDb(true);
      const base = ["import", "statuspage", "--page-id", fake.pageId, "--api-key", fake.apiKey, "--yes"];
      expect((await admin(base, file)).status).toBe(0);
      const [gone] = fake.data.components.splice(
        fake.data.components.findIndex((c) => c.name === "Website"),
        1,
      );
      try {
        const kept = await admin(base, file);
        expect(kept.status, kept.stderr).toBe(0);
        expect(kept.stdout).toContain("Gone at the source (1), kept here: add --prune to remove them:");
        expect(kept.stdout).toContain('service "Website"');
        const live = "components where deleted_at is null";
        expect(count(file, live)).toBe(12);
        const pruned = await admin([...base, "--prune"], file);
        expect(pruned.status, pruned.stderr).toBe(0);
        expect(pruned.stdout).toContain("removed 1 services and groups gone at the source");
        expect(count(file, live)).toBe(11);
        expect(count(file, "components")).toBe(12);
      } finally {
        fake.data.components.push(gone);
      }
    },
  );
});

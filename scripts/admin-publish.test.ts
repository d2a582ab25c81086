// `npm run admin -- publish` as a process: configured by environment, reading the site from a running app
// (a test site on 127.0.0.1), and a publish killed with SIGKILL part way completed by the next one.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { ensurePage } from "@/db/writes/page";
import { examplePages, startTestSite, type TestSite } from "@/services/testing/publish-site";

const root = path.resolve(import.meta.dirname, "..");
let site: TestSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

function setUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-publish-"));
  const databasePath = path.join(dir, "status.db");
  const db = openDatabase(databasePath);
  ensurePage(db, { name: "Example", timeZone: "Etc/UTC", at: Date.now() });
  db.$client.close();
  return { dir, databasePath, out: path.join(dir, "site") };
}

function admin(args: string[], env: Record<string, string>) {
  // tsx as a loader in this one process (its CLI would run the script in a child that SIGKILL misses).
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    cwd: root,
    env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  const done = new Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, done };
}

describe("npm run admin -- publish", () => {
  it("publishes to the configured folder and says what it did", { timeout: 60_000 }, async () => {
    site = await startTestSite(0);
    const { databasePath, out } = setUp();
    const env = { DATABASE_PATH: databasePath, PUBLISH_FOLDER: out };
    const first = await admin(["publish", "--from", site.url], env).done;
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^folder: published \(\d+ uploaded, 0 deleted, 0 unchanged/m);
    expect(fs.readFileSync(path.join(out, "index.html"), "utf8")).toContain("All systems operational");
    const again = await admin(["publish", "--from", site.url], env).done;
    expect(again.stdout).toMatch(/folder: published \(0 uploaded, 0 deleted, \d+ unchanged/);

    const none = await admin(["publish"], { DATABASE_PATH: databasePath }).done;
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/No publish target is configured: set PUBLISH_FOLDER or PUBLISH_S3_BUCKET/);
    const bad = await admin(["publish"], { DATABASE_PATH: databasePath, PUBLISH_S3_BUCKET: "x" }).done;
    expect(bad.stderr).toMatch(/PUBLISH_S3_BUCKET must be a bucket name/);
  });

  it("completes a publish that was killed part way", { timeout: 90_000 }, async () => {
    const ids = Array.from({ length: 1500 }, (_, i) => `inc${String(i).padStart(4, "0")}`);
    const pages = examplePages(ids);
    const filler = "x".repeat(20_000);
    for (const id of ids)
      pages.set(`/incidents/${id}`, { type: "text/html", body: `<html><body>${id}${filler}</body></html>` });
    site = await startTestSite(0, pages);
    const { databasePath, out } = setUp();
    const env = { DATABASE_PATH: databasePath, PUBLISH_FOLDER: out };
    const run = admin(["publish", "--from", site.url], env);
    // Kill it once the incident pages are being written and before the home page that links them is.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (fs.existsSync(path.join(out, "incidents"))) {
          clearInterval(poll);
          run.child.kill("SIGKILL");
          resolve();
        }
      }, 5);
      run.done.then(() => reject(new Error("the publish ended before it could be interrupted")));
    });
    const killed = await run.done;
    expect(killed.signal).toBe("SIGKILL");
    expect(fs.existsSync(path.join(out, "index.html"))).toBe(false);
    const written = fs.readdirSync(path.join(out, "incidents")).filter((f) => f.endsWith(".html")).length;
    expect(written).toBeLessThan(ids.length);

    // The next run takes over the dead process's lease at once and completes the copy.
    const next = await admin(["publish", "--from", site.url], env).done;
    expect(next.status).toBe(0);
    const home = fs.readFileSync(path.join(out, "index.html"), "utf8");
    expect(home).toContain(`href="incidents/${ids.at(-1)}.html"`);
    for (const id of ids) {
      expect(fs.readFileSync(path.join(out, "incidents", `${id}.html`), "utf8")).toContain(`${id}${filler}`);
    }
  });
});

// Restore on a fresh path and serve it (issue #16's acceptance): a snapshot of the run's database, with the demo
// content plus an open incident, a scheduled maintenance and a subscriber made here, is taken by
// `npm run admin -- backup` into a folder and an S3-compatible bucket (s3rver through the real AWS SDK), restored
// by `npm run admin -- restore` from each into a new file, and each restored file is served by the production
// server `npm start` runs (the build the e2e webServer just made). The restored copy must hold every table and
// every row of the snapshot, and serve the same `/` and `/api/v2/summary.json` as the original.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { Browser } from "@playwright/test";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { subscribers } from "@/db/schema";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { DAY, HOUR } from "@/core/time";
import { S3_CREDENTIALS, startS3, type TestS3 } from "@/services/testing/s3-server";
import { expect, test } from "./public-fixtures";
import { tableDifferences } from "./table-rows";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const APP = `http://127.0.0.1:${E2E_PORT}`;
// The restored servers, one after the other; +1 and +2 are the fake Twilio and the OIDC provider.
const RESTORED_PORT = E2E_PORT + 3;
const RESTORED = `http://127.0.0.1:${RESTORED_PORT}`;
const BUCKET = "restore-e2e";

/** Only what a standby machine would set: no test hooks of the e2e server leak into the restored one. */
function baseEnv(extra: Record<string, string>) {
  return {
    NODE_ENV: "production" as const,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NEXT_TELEMETRY_DISABLED: "1",
    // The SDK's notice that its 2027 releases need Node 22 (stack.md pins this one) would fill stderr.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

function admin(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    // Not spawnSync: the test's own s3rver must answer while the command runs.
    const child = spawn(process.execPath, ["scripts/run.mjs", "admin", ...args], { env: baseEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** `npm start` on the restored file, as the standby would run it. */
async function startRestored(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["scripts/run.mjs", "start"], {
    env: baseEnv({ DATABASE_PATH: file, HOST: "127.0.0.1", PORT: String(RESTORED_PORT), PUBLIC_URL: APP }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  await expect(async () => {
    expect(child.exitCode, `npm start on the restored file exited:\n${output}`).toBeNull();
    expect((await fetch(`${RESTORED}/api/health`)).status).toBe(200);
  }).toPass({ timeout: 120_000 });
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

interface Served {
  home: string;
  summary: Record<string, unknown>;
}

/** What a visitor gets: the server-rendered home page's text (no JavaScript) and the Atlassian summary. */
async function served(browser: Browser, base: string): Promise<Served> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    expect((await page.goto(`${base}/`))!.status()).toBe(200);
    // A service in an ongoing outage loses uptime by the second: its percentage is a function of "now", like
    // the summary's updated_at. Every row the percentages come from is compared by tableDifferences.
    const home = (await page.locator("main").innerText()).replace(/\d+(\.\d+)?% uptime/g, "(n)% uptime");
    const answer = await context.request.get(`${base}/api/v2/summary.json`);
    expect(answer.status()).toBe(200);
    const summary = await answer.json();
    // The one field that is the time of the request, not of the content.
    delete summary.page.updated_at;
    return { home, summary };
  } finally {
    await context.close();
  }
}

test("a snapshot restored on a fresh path serves the same page, from a folder and from a bucket", async ({
  browser,
  db,
  pageId,
  makeService,
  makeIncident,
  unique,
}) => {
  test.setTimeout(300_000);
  const serviceName = unique("Restored service");
  const serviceId = makeService(serviceName);
  const incidentName = unique("Restored outage");
  makeIncident({
    name: incidentName,
    componentIds: [serviceId],
    updates: [
      { status: "investigating", body: "Requests are failing.", set: "major_outage" },
      { status: "identified", body: "A bad deploy; rolling back.", set: "partial_outage" },
    ],
  });
  const maintenanceName = unique("Restored maintenance");
  const start = Date.now() + 2 * DAY;
  makeIncident({
    name: maintenanceName,
    kind: "maintenance",
    startedAt: start,
    componentIds: [serviceId],
    maintenance: {
      scheduledFor: start,
      scheduledUntil: start + HOUR,
      autoStart: false,
      autoComplete: false,
      remindBeforeMinutes: null,
      setComponentsUnderMaintenance: true,
    },
    updates: [{ status: "scheduled", body: "Database upgrade." }],
  });
  const email = `${unique("restored").replace(/\W+/g, "-").toLowerCase()}@example.com`;
  const subscriberId = db.transaction((tx) =>
    insertEmailSubscriber(tx, { pageId, email, at: Date.now(), state: "active", componentIds: [serviceId] }),
  );

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "restore-e2e-"));
  let s3: TestS3 | undefined;
  let server: ChildProcess | undefined;
  try {
    s3 = await startS3(0, [BUCKET]);
    const original = await served(browser, APP);
    expect(original.home).toContain(incidentName);
    expect(original.home).toContain(maintenanceName);

    const env = {
      DATABASE_PATH: process.env.E2E_DATABASE_PATH!,
      BACKUP_FOLDER: path.join(work, "snapshots"),
      BACKUP_S3_BUCKET: BUCKET,
      BACKUP_S3_PREFIX: "standby",
      BACKUP_S3_ENDPOINT: s3.endpoint,
      BACKUP_S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      BACKUP_S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    };
    const backup = await admin(["backup"], env);
    expect(backup.stderr).toBe("");
    expect(backup.stdout).toMatch(/^Snapshot .*status-\d{8}T\d{9}Z\.db\.gz/m);

    // What the snapshot holds, read straight from its bytes: the yardstick for both restores.
    const [snapshotName] = fs.readdirSync(env.BACKUP_FOLDER);
    const snapshotDb = path.join(work, "snapshot.db");
    fs.writeFileSync(snapshotDb, zlib.gunzipSync(fs.readFileSync(path.join(env.BACKUP_FOLDER, snapshotName))));
    const inSnapshot = new Database(snapshotDb, { readonly: true });
    expect(inSnapshot.prepare("select count(*) from subscribers where email = ?").pluck().get(email)).toBe(1);
    expect(inSnapshot.prepare("select count(*) from incidents").pluck().get()).toBeGreaterThan(2);
    inSnapshot.close();

    // A new machine: nothing but a fresh folder, and a backup place to restore from.
    for (const [source, file] of [
      [env.BACKUP_FOLDER, path.join(work, "from-folder", "status.db")],
      [`s3://${BUCKET}/standby`, path.join(work, "from-bucket", "data", "status.db")],
    ]) {
      const restore = await admin(["restore", source, file], env);
      expect(restore.stderr, source).toBe("");
      expect(restore.stdout).toContain("Integrity check: ok.");
      expect(restore.stdout).toContain(snapshotName);
      expect(tableDifferences(snapshotDb, file), `${source} restored everything`).toEqual([]);

      server = await startRestored(file);
      const copy = await served(browser, RESTORED);
      expect(copy.home, `${source}: the same home page`).toBe(original.home);
      expect(copy.summary, `${source}: the same summary.json`).toEqual(original.summary);
      await stop(server);
      server = undefined;
    }
  } finally {
    if (server) await stop(server);
    await s3?.close();
    db.delete(subscribers).where(eq(subscribers.id, subscriberId)).run();
    fs.rmSync(work, { recursive: true, force: true });
  }
});

// The start script fails fast, with one clear line, on bad configuration (before any build), and once the
// server is up its last output is the sign-in box.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: root,
    env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: "1", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

describe("npm start with bad configuration", () => {
  it.each([
    [{ PORT: "eighty" }, /^Invalid configuration: PORT must be a whole number/],
    [{ PAGE_TIME_ZONE: "Atlantis/Capital" }, /^Invalid configuration: PAGE_TIME_ZONE must be an IANA time zone/],
    [
      { DATABASE_PATH: "/proc/cannot/create/status.db" },
      /^Cannot open the database at DATABASE_PATH="\/proc\/cannot\/create\/status\.db"/,
    ],
  ])("exits 1 with one line for %j", { timeout: 30_000 }, (env, line) => {
    const { status, stderr, stdout } = start(env);
    expect(status).toBe(1);
    expect(stderr).toMatch(line);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stdout).not.toContain("Building");
  });
});

/** Starts `npm start --dev` on a port of its own and collects stdout until the sign-in box has printed. */
async function startUntilBox(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", "--dev"],
    {
      cwd: root,
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NEXT_TELEMETRY_DISABLED: "1",
        HOST: "127.0.0.1",
        RUN_JOBS: "false",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sign-in box within 120 s:\n${stdout}`)), 120_000);
      child.stdout.on("data", () => {
        if (/╚═+╝/.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on("exit", () => reject(new Error(`start exited early:\n${stdout}`)));
    });
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("close", r));
  }
  return stdout;
}

describe("npm start's output", () => {
  it(
    "ends with a box naming the sign-in URL and login; the password only on the first start",
    { timeout: 300_000 },
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-start-"));
      const env = {
        DATABASE_PATH: path.join(dir, "status.db"),
        PORT: "3112",
        PUBLIC_URL: "http://127.0.0.1:3112",
        ADMIN_EMAIL: "boss@example.org",
        SEED_DEMO: "false",
      };
      const first = await startUntilBox(env);
      const box = first.slice(first.indexOf("╔"));
      expect(first.indexOf("Status page:")).toBeLessThan(first.indexOf("╔"));
      expect(box).toContain("http://127.0.0.1:3112/login");
      expect(box).toContain("boss@example.org");
      const password = /Password: (\S+)/.exec(box)![1];
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(first.split(password)).toHaveLength(2); // printed once, inside the box only

      const second = await startUntilBox(env);
      const again = second.slice(second.indexOf("╔"));
      expect(again).toContain("http://127.0.0.1:3112/login");
      expect(again).toContain("boss@example.org");
      expect(second).not.toContain(password);
    },
  );
});

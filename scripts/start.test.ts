// The start script fails fast, with one clear line, on bad configuration (before any build).
import { spawnSync } from "node:child_process";
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
    [{ DATABASE_PATH: "/proc/cannot/create/status.db" }, /^Cannot open the database at DATABASE_PATH="\/proc\/cannot\/create\/status\.db"/],
  ])("exits 1 with one line for %j", { timeout: 30_000 }, (env, line) => {
    const { status, stderr, stdout } = start(env);
    expect(status).toBe(1);
    expect(stderr).toMatch(line);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stdout).not.toContain("Building");
  });
});

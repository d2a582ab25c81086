// `npm start`: validate the configuration, prepare the database (migrate, create the page, seed the demo on
// a fresh database, create the first owner), build if the build is missing or older than the sources, then
// run server.ts (Next behind the public page cache; `next dev` with --dev) on HOST:PORT.
//   --dev             run `next dev` instead of a production build
//   --rebuild         build even when a current build exists
//   --fresh-database  delete the database file at DATABASE_PATH first (the end-to-end tests use this)
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { bootstrap, describeOwnerCreation } from "@/lib/bootstrap";
import { ConfigError, getConfig, type Config } from "@/lib/config";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const args = new Set(process.argv.slice(2));
const root = process.cwd();
const nextBin = createRequire(path.join(root, "package.json")).resolve("next/dist/bin/next");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function loadConfig(): Config {
  try {
    return getConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

const SOURCE_DIRS = ["app", "components", "db", "emails", "lib", "public"];
const SOURCE_FILES = ["server.ts", "next.config.ts", "package.json", "postcss.config.mjs", "tsconfig.json"];

function newestSourceChange(): number {
  let newest = 0;
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of [...SOURCE_DIRS, ...SOURCE_FILES]) visit(path.join(root, entry));
  return newest;
}

function needsBuild(): boolean {
  if (args.has("--rebuild")) return true;
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  return newestSourceChange() > fs.statSync(buildId).mtimeMs;
}

async function main() {
  const config = loadConfig();
  const dev = args.has("--dev");

  if (args.has("--fresh-database")) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(config.databasePath + suffix, { force: true });
  }

  let result;
  try {
    result = await bootstrap(getDb(), config);
  } catch (err) {
    if (err instanceof DatabaseOpenError) fail(err.message);
    throw err;
  } finally {
    closeDb();
  }
  // Printed after the build (or its failure), so the one-time login is not buried in the build's output.
  const report = () => {
    if (result.freshDatabase) console.log(`Created a new database at ${config.databasePath}`);
    if (result.seeded) console.log("Seeded the demo content (services, 90 days of history, incidents, maintenance).");
    if (result.ownerCreated) for (const line of describeOwnerCreation(result.ownerCreated, config.publicUrl)) console.log(line);
  };
  if (!dev && needsBuild()) {
    console.log("Building the production bundle (next build)...");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) {
      report();
      fail("The build failed; see the output above.");
    }
  }
  report();
  console.log(`Status page: http://${config.host === "127.0.0.1" ? "localhost" : config.host}:${config.port}`);
  console.log(`Email: ${config.resendApiKey ? "sent through Resend" : "kept in the local outbox (no RESEND_API_KEY set)"}`);

  // server.ts: Next behind the public page cache (or plain `next dev` with --dev); it reads HOST and PORT.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts"), ...(dev ? ["--dev"] : [])], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: dev ? "development" : "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

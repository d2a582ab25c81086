// `npm start`: validate the configuration, prepare the database (migrate, create the page, seed the demo on
// a fresh database, create the first owner), build if the build is missing or older than the sources, then
// run server.ts (Next behind the public page cache; `next dev` with --dev) on HOST:PORT. Once it accepts
// connections, a box with the sign-in address and login is the last thing printed.
//   --dev             run `next dev` instead of a production build
//   --rebuild         build even when a current build exists
//   --fresh-database  delete the database file at DATABASE_PATH first (the end-to-end tests use this)
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { firstOwnerEmail } from "@/db/queries/users";
import { bootstrap } from "@/services/bootstrap";
import { ConfigError, getConfig, type Config } from "@/core/config";
import { buildIsStale } from "./build-inputs";
import { routeTableFilter, signInBox } from "./start-output";

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

/** `next build`, its output passed through without the route table. Resolves with the exit code. */
function runBuild(): Promise<number> {
  const build = spawn(process.execPath, [nextBin, "build"], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  const keep = routeTableFilter();
  readline.createInterface({ input: build.stdout }).on("line", (line) => {
    if (keep(line)) console.log(line);
  });
  return new Promise((resolve) => build.on("close", (code) => resolve(code ?? 1)));
}

/** Resolves once something accepts connections on the port (the server is up), polling every 200 ms. */
function waitForPort(host: string, port: number, child: { exitCode: number | null }): Promise<boolean> {
  // A server on every interface is reached on loopback.
  const target = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return new Promise((resolve) => {
    const attempt = () => {
      if (child.exitCode !== null) return resolve(false);
      const socket = net.connect({ host: target, port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => {
        socket.destroy();
        setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

async function main() {
  const config = loadConfig();
  const dev = args.has("--dev");

  if (args.has("--fresh-database")) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(config.databasePath + suffix, { force: true });
  }

  let result;
  let ownerEmail: string | null;
  try {
    result = await bootstrap(getDb(), config);
    ownerEmail = firstOwnerEmail(getDb());
  } catch (err) {
    if (err instanceof DatabaseOpenError) fail(err.message);
    throw err;
  } finally {
    closeDb();
  }
  if (!dev && (args.has("--rebuild") || buildIsStale(root, { databasePath: config.databasePath }))) {
    console.log("Building the production bundle (next build)...");
    if ((await runBuild()) !== 0) fail("The build failed; see the output above.");
  }
  if (result.freshDatabase) console.log(`Created a new database at ${config.databasePath}`);
  if (result.seeded) console.log("Seeded the demo content (services, 90 days of history, incidents, maintenance).");
  console.log(`Status page: http://${config.host === "127.0.0.1" ? "localhost" : config.host}:${config.port}`);
  console.log(
    `Email: ${config.resendApiKey ? "sent through Resend" : "kept in the local outbox (no RESEND_API_KEY set)"}`,
  );
  const box = signInBox({
    loginUrl: `${config.publicUrl}/login`,
    email: ownerEmail,
    generatedPassword: result.ownerCreated?.generatedPassword,
    passwordFromEnv: result.ownerCreated !== null && result.ownerCreated.generatedPassword === null,
  });

  // server.ts: Next behind the public page cache (or plain `next dev` with --dev); it reads HOST and PORT.
  // Compiled (`npm start`: this file is dist/scripts/start.mjs) it runs dist/server.mjs, compiled in the same
  // step; from source (`npm run dev`, tsx) it runs server.ts through tsx, a development dependency.
  const compiled = process.argv[1]?.endsWith(".mjs") ?? false;
  const serverArgs = compiled
    ? ["--enable-source-maps", path.join(root, "dist", "server.mjs")]
    : ["--import", "tsx", path.join(root, "server.ts")];
  const child = spawn(process.execPath, [...serverArgs, ...(dev ? ["--dev"] : [])], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: dev ? "development" : "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  // Printed once the server is up, after its own start-up lines, so the login is the last thing on screen.
  if (await waitForPort(config.host, config.port, child)) console.log(`\n${box}\n`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

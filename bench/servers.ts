// The processes bench:page measures: the production server (scripts/start.ts, which builds when needed, then
// runs server.ts) and the ceiling, a bare node:http server sending fixed bytes (bench/bare-server.ts).
import { fork, spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { findServerPid } from "./load";

export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

/** A port nothing listens on now, on 127.0.0.1 (asked of the kernel, never guessed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await get(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer`);
}

const children = new Set<ChildProcess>();
process.on("exit", () => children.forEach((c) => c.kill("SIGTERM")));

export interface Running {
  /** The process that serves (whose CPU and memory are measured). */
  pid: number;
  base: string;
  stop(): Promise<void>;
}

function track(child: ChildProcess): () => Promise<void> {
  children.add(child);
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }).then(() => void children.delete(child));
}

/**
 * The production server on a database file, with the query counter on and no background jobs. With
 * `cpuProfileDir`, dist/server.mjs runs directly under --cpu-prof (Node refuses it in NODE_OPTIONS); that
 * needs a current build and dist/, which a run without it makes.
 */
export async function startApp(
  file: string,
  port: number,
  options: { cpuProfileDir?: string; env?: Record<string, string> } = {},
): Promise<Running> {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_PATH: file,
    SEED_DEMO: "false",
    PAGE_METRICS: "1",
    RUN_JOBS: "false",
    ADMIN_PASSWORD: "benchmark-password-1",
    // A benchmark may turn the job runner on (bench/detect.ts: the monitor scheduler and the mail worker).
    ...options.env,
  };
  // The compiled server, as `npm start` runs it (scripts/run.mjs compiles dist/ when a source changed).
  const args = options.cpuProfileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`, "--enable-source-maps", "dist/server.mjs"]
    : ["scripts/run.mjs", "start"];
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  const stop = track(child);
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`The server exited (${code}) before answering`))),
  );
  await Promise.race([waitFor(`${base}/api/health`), exited]);
  const pid = findServerPid(child.pid!);
  if (!pid) throw new Error("Could not find the server.ts process");
  return { pid, base, stop };
}

/** The ceiling: fixed bytes and headers (written next to `file` as `<file>.headers.json`). */
export async function startBare(file: string, port: number): Promise<Running> {
  const child = fork(path.resolve("bench", "bare-server.ts"), [file, String(port)], { execArgv: ["--import", "tsx"] });
  const stop = track(child);
  await new Promise((resolve) => child.once("message", resolve));
  return { pid: child.pid!, base: `http://127.0.0.1:${port}`, stop };
}

export interface Metrics {
  queries: number;
  version: number;
  rss: number;
  cache: { hits: number; misses: number; stale: number; refreshes: number; entries: number };
}

export async function metrics(base: string): Promise<Metrics> {
  return JSON.parse((await get(`${base}/_status/metrics`)).body.toString());
}

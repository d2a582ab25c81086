// The load generator and the meters of bench:page. Load comes from Debian's `wrk` in its own process (one
// thread), so the benchmark process cannot be the bottleneck; server CPU is read from /proc/<pid>/stat.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";

export interface WrkResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Stops the benchmark with the one line that fixes it when wrk is missing. */
export function requireWrk(): void {
  if (spawnSync("wrk", ["--version"]).error) {
    console.log("bench:page needs wrk as the load generator: apt-get install -y wrk");
    process.exit(1);
  }
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function latencyMs(text: string, percentile: string): number {
  const match = text.match(new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m"));
  if (!match) throw new Error(`wrk printed no ${percentile}% latency:\n${text}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** Parses wrk's --latency report; errors are socket errors plus non-2xx/3xx answers. */
export function parseWrk(text: string): WrkResult {
  const requests = Number(text.match(/^\s*(\d+) requests in/m)?.[1] ?? NaN);
  const rps = Number(text.match(/^Requests\/sec:\s+([\d.]+)/m)?.[1] ?? NaN);
  if (!Number.isFinite(requests) || !Number.isFinite(rps)) throw new Error(`Unexpected wrk output:\n${text}`);
  const socket = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const socketErrors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  const non2xx = Number(text.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  return { requests, rps, p50Ms: latencyMs(text, "50"), p99Ms: latencyMs(text, "99"), errors: socketErrors + non2xx };
}

export interface WrkOptions {
  connections: number;
  seconds: number;
  acceptEncoding: string;
  /** More request headers, e.g. a viewer's session cookie. */
  headers?: Record<string, string>;
}

export function wrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const args = ["-t1", `-c${options.connections}`, `-d${options.seconds}s`, "--latency", "--timeout", "5s"];
  if (options.acceptEncoding) args.push("-H", `Accept-Encoding: ${options.acceptEncoding}`);
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}: ${value}`);
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", [...args, url], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      try {
        resolve(parseWrk(out));
      } catch (err) {
        reject(err);
      }
    });
  });
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** User plus system CPU time a process has used so far, in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces, inside parentheses): utime is 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}

export function rssBytes(pid: number): number {
  const kb = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m)?.[1];
  return Number(kb ?? 0) * 1024;
}

/** The node process running server.ts among the descendants of `root` (scripts/start.ts spawns it). */
export function findServerPid(root: number): number | undefined {
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    let cmdline = "";
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    // server.ts from source (tsx) or compiled (dist/server.mjs).
    if (/server\.(ts|mjs)\0/.test(cmdline)) return pid;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (children) queue.push(...children.split(" ").map(Number));
    }
  }
  return undefined;
}

/** Runs wrk against a process and meters it: CPU microseconds per request and peak RSS while under load. */
export async function meteredRun(pid: number, url: string, options: WrkOptions) {
  let peakRss = rssBytes(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(pid))), 250);
  const cpuBefore = cpuMicros(pid);
  const result = await wrk(url, options);
  const cpu = cpuMicros(pid) - cpuBefore;
  clearInterval(sampler);
  return {
    ...result,
    cpuPerRequestUs: cpu / Math.max(1, result.requests),
    peakRssMb: Math.max(peakRss, rssBytes(pid)) / 1e6,
  };
}

export const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

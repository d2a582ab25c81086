// `npx tsx bench/monitors.ts`: the monitor scheduler at scale. BENCH_MONITORS HTTP monitors (default 1000) at
// BENCH_INTERVAL seconds (default 30) against a target server in its own process on 127.0.0.1 (5% answer 500,
// 5% answer after 800 ms, the rest at once), for BENCH_SECONDS (default 120) through the real scheduler and a
// real SQLite file. Prints the start lateness (scheduled -> started) p50/p99/max, runs done vs expected, this
// process's CPU as a share of one core, and resident memory growth after the first interval.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db";
import { pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { insertUser } from "@/db/writes/users";
import { createMonitorScheduler } from "@/services/monitors/scheduler";
import { createMonitor } from "@/services/monitors/verbs";

const N = Number(process.env.BENCH_MONITORS ?? 1000);
const INTERVAL = Number(process.env.BENCH_INTERVAL ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const PORT = Number(process.env.BENCH_PORT ?? 3195);

const TARGET = `
const http = require("node:http");
http.createServer((req, res) => {
  const answer = () => { res.writeHead(req.url.startsWith("/fail") ? 500 : 200); res.end("ok"); };
  if (req.url.startsWith("/slow")) setTimeout(answer, 800); else answer();
}).listen(${PORT}, "127.0.0.1", () => console.log("ready"));`;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main() {
  const target = spawn(process.execPath, ["-e", TARGET], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => target.stdout.once("data", () => resolve()));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-monitors-"));
  const db = openDatabase(path.join(dir, "status.db"), { countQueries: false });
  try {
    const now = Date.now();
    ensurePage(db, { name: "Bench", timeZone: "Etc/UTC", at: now });
    void db.select().from(pages).get();
    const userId = insertUser(db, { email: "bench@example.org", passwordHash: "x", role: "owner", at: now });
    const owner = { type: "user" as const, userId, label: "bench", role: "owner" as const };
    for (let i = 0; i < N; i++) {
      const kind = i % 20 === 0 ? "fail" : i % 20 === 1 ? "slow" : "ok";
      createMonitor(
        db,
        owner,
        {
          name: `M${i}`,
          kind: "http",
          intervalSeconds: INTERVAL,
          timeoutMs: 5_000,
          config: { url: `http://127.0.0.1:${PORT}/${kind}/${i}` },
        },
        now,
      );
    }
    const lateness: number[] = [];
    let warm = false;
    const scheduler = createMonitorScheduler({
      db,
      onRun: ({ scheduledFor, startedAt }) => {
        if (warm) lateness.push(startedAt - scheduledFor);
      },
    });
    // The first interval warms up (JIT, the page cache of SQLite); measure after it.
    await new Promise((r) => setTimeout(r, INTERVAL * 1000));
    warm = true;
    const rss0 = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    const rss1 = process.memoryUsage().rss;
    await scheduler.stop();
    const sorted = [...lateness].sort((a, b) => a - b);
    console.log(`monitors ${N}, interval ${INTERVAL} s, measured ${SECONDS} s after a ${INTERVAL} s warm-up`);
    console.log(`runs ${lateness.length} (expected about ${Math.round((N * SECONDS) / INTERVAL)})`);
    console.log(`start lateness p50 ${pct(sorted, 50)} ms, p99 ${pct(sorted, 99)} ms, max ${sorted.at(-1) ?? 0} ms`);
    console.log(
      `CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(1)}% of one core; RSS ${(rss0 / 1e6).toFixed(0)} MB -> ${(rss1 / 1e6).toFixed(0)} MB (${((rss1 - rss0) / 1e6).toFixed(1)} MB)`,
    );
    console.log(`database ${(fs.statSync(path.join(dir, "status.db")).size / 1e6).toFixed(1)} MB (+ WAL)`);
  } finally {
    db.$client.close();
    target.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();

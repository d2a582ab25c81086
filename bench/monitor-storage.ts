// `npm run bench:storage`: how big the database gets, simulated for real. BENCH_MONITORS monitors (default 100)
// at 30 s for BENCH_DAYS simulated days (default 365), every result written through the real code with a
// moving clock: applyResults (the result, the damped state, claims, the service's status: one transaction per
// 30-second tick for all monitors, or per BENCH_TICKS_PER_COMMIT ticks: the same rows), and the upkeep job (roll-ups, retention pruning) every simulated hour.
// BENCH_MAX_SECONDS stops the simulation early (it says how far it got). Then: the file's size and its growth,
// rows and bytes per table, and the console's 90-day chart of one monitor (query + server render) timed.
// First, the write rate of the result path against the old per-row path (drizzle, one transaction per
// result), each on its own fresh file, measured in the same run (bench/result-writes.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ResponseChart } from "@/components/admin/response-chart";
import { openDatabase } from "@/db";
import { getResponseTimes } from "@/db/queries/response-times";
import { DAY, HOUR } from "@/core/time";
import { chartPoints } from "@/services/monitors/chart";
import { down, up } from "@/services/monitors/checks/types";
import { runMonitorUpkeep } from "@/services/monitors/upkeep";
import { compareWritePaths, setUpMonitors, STEP, TICKS_PER_COMMIT, writeTicks } from "./result-writes";

const N = Number(process.env.BENCH_MONITORS ?? 100);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? Infinity);
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function main() {
  await compareWritePaths(N);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-storage-"));
  const file = path.join(dir, "status.db");
  const db = openDatabase(file, { countQueries: false });
  const start = Date.UTC(2026, 0, 1);
  const { ids, services } = setUpMonitors(db, N, start);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  const initialSize = fs.statSync(file).size;

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const end = start + DAYS * DAY;
  let writes = 0;
  let at = start + STEP;
  let ticks: number[] = [];
  // One monitor in twenty fails for an hour at a time, a different one each hour: state changes, claims.
  const result = (i: number, t: number) =>
    (i + Math.floor(t / HOUR)) % 20 === 0 ? down("Connection refused") : up(20 + ((t / STEP + i) % 50));
  for (; at <= end; at += STEP) {
    ticks.push(at);
    if (ticks.length < TICKS_PER_COMMIT) continue;
    writeTicks(db, ids, ticks, TICKS_PER_COMMIT, result);
    writes += ticks.length * ids.length;
    ticks = [];
    if (at % HOUR === 0) await runMonitorUpkeep(db, at);
    if (at % DAY === 0) {
      const s = (performance.now() - t0) / 1000;
      const day = Math.round((at - start) / DAY);
      if (day % 5 === 0)
        console.log(
          `day ${day}: ${writes} results in ${s.toFixed(0)} s (${Math.round(writes / s)}/s), file ${MB(fs.statSync(file).size)} (grew ${MB(fs.statSync(file).size - initialSize)}), load average ${os.loadavg()[0]!.toFixed(1)}; ${new Date().toISOString().slice(11, 19)} UTC, at this rate day ${DAYS} in ${((((DAYS - day) / day) * s) / 60).toFixed(0)} min`,
        );
      if (s > MAX_SECONDS) break;
    }
  }
  const simulatedDays = (Math.min(at, end) - start) / DAY;
  const seconds = (performance.now() - t0) / 1000;
  const cpuUsed = process.cpuUsage(cpu0);
  const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  const count = (t: string, where = "") =>
    (db.$client.prepare(`select count(*) as n from ${t} ${where}`).get() as { n: number }).n;
  // A table's pages and its indexes' (dbstat names each b-tree; sqlite_master says which table it belongs to).
  const bytes = (table: string) =>
    (
      db.$client
        .prepare(
          "select coalesce(sum(pgsize), 0) as b from dbstat where name in (select name from sqlite_master where tbl_name = ?)",
        )
        .get(table) as { b: number }
    ).b;
  const size = fs.statSync(file).size;
  const free = (db.$client.pragma("freelist_count", { simple: true }) as number) * 4096;
  console.log(
    `${N} monitors at 30 s, ${simulatedDays.toFixed(0)} simulated days, ${TICKS_PER_COMMIT} tick(s) per transaction: ${writes} results written in ${seconds.toFixed(0)} s wall (${Math.round(writes / seconds)}/s), ${cpuSeconds.toFixed(0)} s CPU (${Math.round(writes / cpuSeconds)}/s); load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`file ${MB(size)} (grew ${MB(size - initialSize)}; ${MB(free)} of it free pages reused by later writes)`);
  for (const [table, where] of [
    ["monitor_results", ""],
    ["monitor_rollups", "where resolution = 'hour'"],
    ["monitor_rollups", "where resolution = 'day'"],
    ["monitor_state_changes", ""],
    ["component_status_changes", ""],
    ["status_claims", ""],
  ] as const)
    console.log(
      `  ${table} ${where.replace("where ", "")}: ${count(table, where)} rows${where ? "" : `, ${MB(bytes(table))}`}`,
    );
  console.log(`  monitor_rollups: ${MB(bytes("monitor_rollups"))}`);

  // The console's 90-day chart of one monitor: the query and the server render, as the page does them. Wall
  // time and this process's CPU time each: on a shared machine the wall time includes waiting for a core.
  const timed = (f: () => void) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    f();
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
  };
  const stats = (f: () => void) => {
    f(); // warm-up
    const runs = Array.from({ length: 51 }, () => timed(f));
    const median = (k: "wall" | "cpu") => runs.map((r) => r[k]).sort((a, b) => a - b)[25]!;
    return { wall: median("wall"), cpu: median("cpu"), max: Math.max(...runs.map((r) => r.wall)) };
  };
  const chart = stats(() => {
    const points = chartPoints(db, ids[0]!, "90d", at);
    renderToStaticMarkup(
      createElement(ResponseChart, { points, label: "90 days", format: (x) => new Date(x).toISOString() }),
    );
  });
  const publicSeries = stats(() => getResponseTimes(db, services, at));
  console.log(
    `90-day chart of one monitor (query + render, ${chartPoints(db, ids[0]!, "90d", at).length} points): median ${chart.wall.toFixed(1)} ms wall, ${chart.cpu.toFixed(1)} ms CPU; max ${chart.max.toFixed(1)} ms wall (bound 50 ms)`,
  );
  console.log(
    `public response-time series of all ${services.length} services: median ${publicSeries.wall.toFixed(1)} ms wall, ${publicSeries.cpu.toFixed(1)} ms CPU; max ${publicSeries.max.toFixed(1)} ms`,
  );
  console.log(
    `verdicts: growth ${size - initialSize <= 150e6 ? "PASS" : "FAIL"} (<= 150 MB), chart ${chart.wall < 50 ? "PASS" : "FAIL"} (median < 50 ms)`,
  );
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();

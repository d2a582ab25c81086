// The result path's write rate against what it replaced, in the same run and on the same machine load: each
// path writes the same simulated hour of results (BENCH_MONITORS monitors at 30 s) to its own fresh file.
//   per-row drizzle: one transaction per result, statements built by drizzle (the path before #13's rework);
//   applyResult: one transaction per result on the prepared statements (the scheduler before batching);
//   applyResults: one transaction per tick for every result due (the scheduler);
//   applyResults over BENCH_TICKS_PER_COMMIT ticks per transaction (how bench:storage writes its year).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/db";
import { insertComponent } from "@/db/writes/components";
import { recordMonitorResult } from "@/db/writes/monitors";
import { ensurePage } from "@/db/writes/page";
import { insertUser } from "@/db/writes/users";
import { findMonitor } from "@/db/queries/monitors";
import { dampedStep } from "@/core/flap-damping";
import { HOUR } from "@/core/time";
import { up, type CheckResult } from "@/services/monitors/checks/types";
import { applyResult, applyResults } from "@/services/monitors/run";
import { createMonitor } from "@/services/monitors/verbs";

export const STEP = 30_000;
/**
 * How many 30-second ticks bench:storage writes per transaction (BENCH_TICKS_PER_COMMIT, default 1: the
 * scheduler's cadence). Each result keeps its own time and the rows written are the same; more ticks per commit
 * only make the simulation faster (fewer commits, each monitor's row written once per commit). A divisor of 120,
 * so the hourly upkeep runs after the hour's last tick is committed.
 */
export const TICKS_PER_COMMIT = Number(process.env.BENCH_TICKS_PER_COMMIT ?? 1);
if (!Number.isInteger(TICKS_PER_COMMIT) || TICKS_PER_COMMIT < 1 || 120 % TICKS_PER_COMMIT !== 0)
  throw new Error(
    "BENCH_TICKS_PER_COMMIT must divide 120 (the ticks in an hour): 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, ...",
  );

/** A page with ten services and `n` TCP monitors at 30 s spread over them. */
export function setUpMonitors(db: Db, n: number, start: number): { ids: string[]; services: string[] } {
  ensurePage(db, { name: "Bench", timeZone: "Etc/UTC", at: start });
  const pageId = db.query.pages.findFirst().sync()!.id;
  const userId = insertUser(db, { email: "bench@example.org", passwordHash: "x", role: "owner", at: start });
  const owner = { type: "user" as const, userId, label: "bench", role: "owner" as const };
  // Ten services, ten monitors each: failures go through claims and the services' status history too.
  const services = Array.from({ length: 10 }, (_, i) =>
    insertComponent(db, { pageId, name: `S${i}`, at: start, actor: { source: "manual" } }),
  );
  const ids = Array.from(
    { length: n },
    (_, i) =>
      createMonitor(
        db,
        owner,
        {
          name: `M${i}`,
          kind: "tcp",
          intervalSeconds: 30,
          componentId: services[i % services.length],
          config: { host: "127.0.0.1", port: 3196 },
        },
        start,
      ).id,
  );
  return { ids, services };
}

type Writer = (db: Db, ids: string[], ticks: number[]) => void;

/** Each tick's results in one transaction (the scheduler's cadence); or `per` ticks' results in each. */
export function writeTicks(
  db: Db,
  ids: string[],
  ticks: number[],
  per = 1,
  result: (i: number, at: number) => CheckResult = () => up(20),
) {
  for (let t = 0; t < ticks.length; t += per) {
    const batch = ticks
      .slice(t, t + per)
      .flatMap((at) => ids.map((monitorId, i) => ({ monitorId, result: result(i, at), at })));
    applyResults(db, batch, ticks[Math.min(t + per, ticks.length) - 1]!);
  }
}

const WRITERS: [string, Writer][] = [
  [
    "per-row drizzle (old)",
    (db, ids, ticks) => {
      for (const at of ticks)
        for (const id of ids)
          db.transaction(
            (tx) => {
              const monitor = findMonitor(tx, id)!;
              const result = up(20 + (id.charCodeAt(0) % 50));
              const step = dampedStep(monitor.state, monitor, "up", monitor);
              recordMonitorResult(tx, monitor, { at, outcome: "up", ...result }, step, at + STEP);
            },
            { behavior: "immediate" },
          );
    },
  ],
  [
    "applyResult, one transaction each",
    (db, ids, ticks) => ticks.forEach((at) => ids.forEach((id) => applyResult(db, id, up(20), at))),
  ],
  ["applyResults, one transaction per tick", (db, ids, ticks) => writeTicks(db, ids, ticks)],
  [
    `applyResults, ${TICKS_PER_COMMIT} ticks per transaction (bench:storage's year)`,
    (db, ids, ticks) => writeTicks(db, ids, ticks, TICKS_PER_COMMIT),
  ],
];

export async function compareWritePaths(n: number, hours = Number(process.env.BENCH_COMPARE_HOURS ?? 1)) {
  const rates: number[] = [];
  for (const [name, write] of WRITERS) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-writes-"));
    const db = openDatabase(path.join(dir, "status.db"), { countQueries: false });
    const start = Date.UTC(2026, 0, 1);
    const { ids } = setUpMonitors(db, n, start);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const ticks: number[] = [];
    for (let at = start + STEP; at <= start + hours * HOUR; at += STEP) ticks.push(at);
    write(db, ids, ticks);
    const written = ticks.length * ids.length;
    const wall = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuS = (used.user + used.system) / 1e6;
    rates.push(written / wall);
    console.log(
      `write path ${name}: ${written} results in ${wall.toFixed(2)} s wall: ${Math.round(written / wall)}/s (${Math.round(written / cpuS)}/s of CPU), ${(rates.at(-1)! / rates[0]!).toFixed(1)}x the old path`,
    );
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`(load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores while measuring)`);
  return rates;
}

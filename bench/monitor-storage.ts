// `npx tsx bench/monitor-storage.ts`: how big the database gets. BENCH_MONITORS monitors (default 100) at 30 s,
// results written through the real code (applyResult, the upkeep job's roll-ups and pruning) with a moving
// clock for BENCH_DAYS simulated days (default 3: raw results reach their 48-hour steady state). Prints the
// file size and rows per table, and extrapolates the roll-ups to their full retention (90 days of hourly, two
// years of daily rows) from the measured bytes per row.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db";
import { ensurePage } from "@/db/writes/page";
import { insertUser } from "@/db/writes/users";
import { DAY, HOUR } from "@/core/time";
import { down, up } from "@/services/monitors/checks/types";
import { applyResult } from "@/services/monitors/run";
import { runMonitorUpkeep } from "@/services/monitors/upkeep";
import { createMonitor } from "@/services/monitors/verbs";

const N = Number(process.env.BENCH_MONITORS ?? 100);
const DAYS = Number(process.env.BENCH_DAYS ?? 3);
const STEP = 30_000;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-storage-"));
  const file = path.join(dir, "status.db");
  const db = openDatabase(file, { countQueries: false });
  const start = Date.UTC(2026, 0, 1);
  ensurePage(db, { name: "Bench", timeZone: "Etc/UTC", at: start });
  const userId = insertUser(db, { email: "bench@example.org", passwordHash: "x", role: "owner", at: start });
  const owner = { type: "user" as const, userId, label: "bench", role: "owner" as const };
  const ids = Array.from(
    { length: N },
    (_, i) =>
      createMonitor(
        db,
        owner,
        { name: `M${i}`, kind: "tcp", intervalSeconds: 30, config: { host: "127.0.0.1", port: 3196 } },
        start,
      ).id,
  );
  const t0 = performance.now();
  let writes = 0;
  for (let at = start + STEP; at <= start + DAYS * DAY; at += STEP) {
    for (let i = 0; i < ids.length; i++) {
      const failing = (i + Math.floor(at / HOUR)) % 20 === 0;
      applyResult(db, ids[i]!, failing ? down("Connection refused") : up(20 + ((at / STEP + i) % 50)), at);
      writes++;
    }
    if (at % HOUR === 0) await runMonitorUpkeep(db, at);
  }
  const seconds = (performance.now() - t0) / 1000;
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
  const results = count("monitor_results");
  const hours = count("monitor_rollups", "where resolution = 'hour'");
  const daysRows = count("monitor_rollups", "where resolution = 'day'");
  const rollupBytesPerRow = bytes("monitor_rollups") / Math.max(1, hours + daysRows);
  const fullRollups = (N * (90 * 24 + 730) * rollupBytesPerRow) / 1e6;
  console.log(
    `${N} monitors at 30 s, ${DAYS} simulated days: ${writes} results written in ${seconds.toFixed(0)} s (${Math.round(writes / seconds)}/s)`,
  );
  console.log(
    `file ${(size / 1e6).toFixed(1)} MB; monitor_results ${results} rows (${(bytes("monitor_results") / 1e6).toFixed(1)} MB with indexes); roll-ups ${hours} hourly + ${daysRows} daily (${rollupBytesPerRow.toFixed(0)} bytes a row)`,
  );
  console.log(
    `at full retention the roll-ups add about ${fullRollups.toFixed(1)} MB: steady state about ${((size + fullRollups * 1e6 - bytes("monitor_rollups")) / 1e6).toFixed(0)} MB`,
  );
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();

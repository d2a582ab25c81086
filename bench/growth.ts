// Growth: what one cache miss of `/` costs (read + render + strip + compress, through the running server) as
// the page grows in services and in years of history. The read alone is timed in this process.
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db";
import { getHomePage } from "@/db/queries/home-page";
import { getPage } from "@/db/queries/status-page";
import { seedLargeDataset, shapeFor } from "./large-dataset";
import { cpuMicros } from "./load";
import { get, startApp } from "./servers";

export interface GrowthRow {
  services: number;
  years: number;
  historyRows: number;
  readMs: number;
  missMs: number;
  missCpuMs: number;
  htmlKb: number;
  brotliKb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeRead(file: string): { readMs: number; historyRows: number } {
  const db = openDatabase(file, { countQueries: false });
  const page = getPage(db)!;
  getHomePage(db, page); // warm the statement cache
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    getHomePage(db, page);
    runs.push(performance.now() - t0);
  }
  const historyRows = db.$client.prepare("select count(*) from component_status_changes").pluck().get() as number;
  db.$client.close();
  return { readMs: median(runs), historyRows };
}

export async function growthTable(
  outDir: string,
  port: number,
  sizes: number[],
  years: number[],
): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  for (const services of sizes) {
    for (const y of years) {
      const file = path.join(outDir, `growth-${services}-${y}y.db`);
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      const seedDb = openDatabase(file, { countQueries: false });
      seedLargeDataset(seedDb, shapeFor(services, y));
      seedDb.$client.close();
      const { readMs, historyRows } = timeRead(file);
      const app = await startApp(file, port);
      const writer = openDatabase(file, { countQueries: false });
      try {
        const br = { "accept-encoding": "br, gzip" };
        await get(`${app.base}/`, br); // the first render warms Next's own caches
        const misses: number[] = [];
        const cpuBefore = cpuMicros(app.pid);
        for (let i = 0; i < 5; i++) {
          // Any public write makes the next request a miss.
          writer.$client.prepare("update pages set updated_at = updated_at + 1").run();
          const t0 = performance.now();
          const res = await get(`${app.base}/`, br);
          if (res.headers["x-cache"] !== "MISS") throw new Error(`expected a miss, got ${res.headers["x-cache"]}`);
          misses.push(performance.now() - t0);
        }
        const missCpuMs = (cpuMicros(app.pid) - cpuBefore) / 5 / 1000;
        const brotli = (await get(`${app.base}/`, br)).body.length;
        const html = (await get(`${app.base}/`)).body.length;
        rows.push({
          services,
          years: y,
          historyRows,
          readMs,
          missMs: median(misses),
          missCpuMs,
          htmlKb: html / 1024,
          brotliKb: brotli / 1024,
        });
        console.log(`  growth: ${services} services, ${y} y done`);
      } finally {
        writer.$client.close();
        await app.stop();
      }
    }
  }
  return rows;
}

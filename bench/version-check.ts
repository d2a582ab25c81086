// `npx tsx bench/version-check.ts`: what the per-request public version check costs, two ways, on a WAL file:
//   row:  one prepared `select version from public_content_version` (what server.ts does)
//   pragma-then-row: `PRAGMA data_version`, and the row only when that moved (another connection committed)
// Both on an idle database and while another connection commits a private write every millisecond.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "@/db";
import { ensurePage } from "@/db/writes/page";
import { writeAppState } from "@/db/writes/page";

const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "version-check-"));
const file = path.join(dir, "status.db");
const writer = openDatabase(file, { countQueries: false });
ensurePage(writer, { name: "P", timeZone: "Etc/UTC", at: 1 });

const reader = new Database(file, { readonly: true, fileMustExist: true });
const row = reader.prepare("select version from public_content_version where id = 1").pluck();
const dataVersion = reader.prepare("pragma data_version").pluck();
let seen = dataVersion.get() as number;
let cached = row.get() as number;
const ways: Record<string, () => number> = {
  row: () => row.get() as number,
  "pragma-then-row": () => {
    const v = dataVersion.get() as number;
    if (v !== seen) {
      seen = v;
      cached = row.get() as number;
    }
    return cached;
  },
};

function time(fn: () => number): number {
  for (let i = 0; i < 10_000; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1000 / CALLS;
}

for (const [name, fn] of Object.entries(ways)) console.log(`idle, ${name}: ${time(fn).toFixed(2)} us per check`);
// Busy: interleave a private commit from the other connection every 1,000 checks.
let n = 0;
for (const [name, fn] of Object.entries(ways)) {
  const busy = () => {
    if (++n % 1000 === 0) writeAppState(writer, "bench", String(n), n);
    return fn();
  };
  console.log(`a commit every 1,000 checks, ${name}: ${time(busy).toFixed(2)} us per check (includes the commits)`);
}
console.log(`load average: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
reader.close();
writer.$client.close();
fs.rmSync(dir, { recursive: true, force: true });

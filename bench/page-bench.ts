// `npm run bench:page`: the public pages under load on a large dataset, against the production build, measured
// honestly: the load comes from wrk in its own process (one thread, 50 connections) and the server's CPU time
// from /proc. Per target: req/s, p50/p99, errors, server CPU microseconds per request, the throughput and CPU
// ratios to the ceiling (a bare node:http server sending the same brotli bytes as `/`), peak RSS and DB
// queries. Then the outage scenario and the growth table (bench/README.md). Each row, the outage and the growth
// table get a verdict against the targets (bench/verdict.ts), repeated at the end. Environment:
//   BENCH_PORT (3190; the ceiling takes +1, nginx +2, growth servers +3)   BENCH_SECONDS (15)
//   BENCH_ACCEPT_ENCODING ("br, gzip"; empty for uncompressed)   BENCH_VIA_NGINX=1 (also `/` through nginx)
//   BENCH_GROWTH_SIZES ("60,300,1000" services), BENCH_GROWTH_YEARS ("1,5")
//   BENCH_OUTAGE=0, BENCH_GROWTH=0 (skip those parts)
//   BENCH_OUTAGE_COMPARE=1 (the outage again with RENDER_WORKER=false: renders on the serving thread)
//   BENCH_CPU_PROF=1 (server writes a .cpuprofile to bench/.out/prof)
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db";
import { components, pages } from "@/db/schema";
import { VIEWER_COOKIE } from "@/services/viewers/policy";
import { createViewerSession } from "@/services/viewers/sessions";
import { growthTable } from "./growth";
import { seedLargeDataset, LARGE } from "./large-dataset";
import { loadAverage, meteredRun, requireWrk } from "./load";
import { startNginx } from "./nginx";
import { outageScenario } from "./outage";
import { printServiceReportBench } from "./service-report";
import { get, metrics, startApp, startBare } from "./servers";
import { growthVerdict, outageVerdict, targetVerdict, TARGETS } from "./verdict";

const OUT = path.resolve("bench", ".out");
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;
const list = (value: string | undefined, fallback: number[]) =>
  value ? value.split(",").map((v) => Number(v.trim())) : fallback;
const GROWTH_SIZES = list(process.env.BENCH_GROWTH_SIZES, [60, 300, 1000]);
const GROWTH_YEARS = list(process.env.BENCH_GROWTH_YEARS, [1, 5]);
/** Sent like a browser does, so both the app and the ceiling send the same (compressed) bytes. */
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? "br, gzip";
const run = { connections: CONNECTIONS, seconds: SECONDS, acceptEncoding: ACCEPT_ENCODING };
const INTERNAL_TARGET = "/ internal copy, signed-in viewer";

interface Row {
  target: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  cpuPerRequestUs: number;
  peakRssMb: number;
  queries?: number;
}

async function measure(
  target: string,
  url: string,
  pid: number,
  base?: string,
  headers?: Record<string, string>,
): Promise<Row> {
  await meteredRun(pid, url, { ...run, seconds: 3, headers }); // warm-up
  const before = base ? await metrics(base) : undefined;
  const result = await meteredRun(pid, url, { ...run, headers });
  const after = base ? await metrics(base) : undefined;
  return { target, ...result, queries: before && after ? after.queries - before.queries : undefined };
}

/** Bytes a first visit to `/` transfers, compressed as a browser asks: HTML, CSS, JS and the favicon. */
async function firstVisitBytes(base: string): Promise<{ total: number; parts: Record<string, number> }> {
  const enc = { "accept-encoding": "br, gzip" };
  const plain = (await get(`${base}/`)).body.toString();
  const assets = [...plain.matchAll(/<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src)="([^"]+)"/g)].map(
    (m) => m[1],
  );
  const parts: Record<string, number> = { "/ (html)": (await get(`${base}/`, enc)).body.length };
  for (const asset of assets) parts[asset] = (await get(`${base}${asset}`, enc)).body.length;
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

const f = (n: number, digits = 0) => n.toFixed(digits);
/** Every verdict of the run, repeated at the end. */
const verdicts: [string, string][] = [];

/** The outage scenario on a running server, printed with its verdict. */
async function runOutage(file: string, base: string, label: string) {
  const outage = await outageScenario(file, base, { acceptEncoding: ACCEPT_ENCODING });
  const sorted = [...outage.visibleMs].sort((a, b) => a - b);
  console.log(
    `\n${label}: 200 connections on / for 30 s, an update committed every 2 s from another process; load average ${loadAverage()}`,
  );
  console.log(
    `  ${f(outage.rps)} req/s, p50 ${f(outage.p50Ms, 2)} ms, p99 ${f(outage.p99Ms, 2)} ms, errors ${outage.errors}`,
  );
  console.log(
    `  ${outage.commits} commits; commit -> first response containing it: median ${f(sorted[Math.floor(sorted.length / 2)] ?? NaN)} ms, max ${f(sorted[sorted.length - 1] ?? NaN)} ms`,
  );
  console.log(
    `  ${outage.staleShare} of the responses were the previous copy (x-cache: STALE) while a new one rendered`,
  );
  const judged = outageVerdict(outage);
  verdicts.push([label, judged]);
  console.log(
    `  verdict (p99 < ${TARGETS.outageP99Ms} ms, 0 errors, commit -> visible < ${TARGETS.outageVisibleMs} ms): ${judged}`,
  );
  return outage;
}

async function main() {
  requireWrk();
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, "bench.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const seedDb = openDatabase(file, { countQueries: false });
  const { incidentIds } = seedLargeDataset(seedDb);
  // A mixed page with one internal service, and a signed-in viewer: the internal row (issue #15) serves the
  // internal copy for one session lookup more than `/`. The public rows are unchanged by it (a public visitor
  // on a mixed page costs no query).
  seedDb.update(pages).set({ visibility: "mixed" }).run();
  const firstService = seedDb.select({ id: components.id }).from(components).limit(1).get()!;
  seedDb.update(components).set({ visibility: "internal" }).where(eq(components.id, firstService.id)).run();
  const viewer = createViewerSession(seedDb, { email: "bench@example.com", method: "email", now: Date.now() });
  seedDb.$client.close();
  console.log(
    `Dataset: ${LARGE.services} services in ${LARGE.groups} groups, ${LARGE.years} year of history, ${LARGE.incidentsPerYear} incidents`,
  );
  console.log(`Load average at the start: ${loadAverage()}`);

  const app = await startApp(
    file,
    PORT,
    process.env.BENCH_CPU_PROF === "1" ? { cpuProfileDir: path.join(OUT, "prof") } : {},
  );
  try {
    const incident = `/incidents/${incidentIds[incidentIds.length - 1]}`;
    const home = await get(`${app.base}/`, ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {});
    fs.writeFileSync(path.join(OUT, "home.html"), home.body);
    const keep = [
      "content-type",
      "content-encoding",
      "cache-control",
      "vary",
      "etag",
      "content-security-policy",
      "x-content-type-options",
      "referrer-policy",
      "x-cache",
    ];
    const headers = Object.fromEntries(
      keep.filter((k) => home.headers[k] !== undefined).map((k) => [k, String(home.headers[k])]),
    );
    fs.writeFileSync(path.join(OUT, "home.html.headers.json"), JSON.stringify(headers));
    const bare = await startBare(path.join(OUT, "home.html"), PORT + 1);

    const rows: Row[] = [await measure("ceiling: bare node:http, same bytes as /", `${bare.base}/`, bare.pid)];
    await bare.stop();
    for (const target of ["/", incident, "/history", "/api/v2/summary.json"])
      rows.push(await measure(target, `${app.base}${target}`, app.pid, app.base));
    const internalRow = await measure(INTERNAL_TARGET, `${app.base}/`, app.pid, app.base, {
      Cookie: `${VIEWER_COOKIE}=${viewer.token}`,
    });
    rows.push(internalRow);
    if (process.env.BENCH_VIA_NGINX === "1") {
      const nginx = await startNginx(OUT, PORT + 2, PORT);
      rows.push({
        ...(await measure("/ through nginx (deploy/nginx.conf)", `http://127.0.0.1:${PORT + 2}/`, nginx.pid, app.base)),
        target: "/ through nginx (nginx's CPU)",
      });
      await nginx.stop();
    }
    const ceiling = rows[0];
    console.log(
      `\nwrk, 1 thread, ${CONNECTIONS} connections, ${SECONDS} s per target after a 3 s warm-up, Accept-Encoding: ${ACCEPT_ENCODING || "none"}; load average now ${loadAverage()}\n`,
    );
    console.log(
      `Targets: throughput >= ${TARGETS.minThroughputRatio} of the ceiling, CPU <= ${TARGETS.maxCpuRatio}x its CPU, 0 errors, 0 queries\n`,
    );
    console.log(
      "| target | req/s | p50 ms | p99 ms | errors | server CPU us/req | throughput / ceiling | CPU / ceiling | peak RSS MB | DB queries | verdict |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const r of rows) {
      const throughputRatio = r.rps / ceiling.rps;
      const cpuRatio = r.cpuPerRequestUs / ceiling.cpuPerRequestUs;
      const queriesPerRequest =
        r.target === INTERNAL_TARGET && r.queries !== undefined
          ? // The session lookup, plus its last-seen write once a minute per session (VIEWER_TOUCH_INTERVAL).
            { measured: r.queries / Math.max(1, r.requests), allowed: 1.01 }
          : undefined;
      const judged =
        r === ceiling
          ? "-"
          : targetVerdict({ throughputRatio, cpuRatio, errors: r.errors, queries: r.queries, queriesPerRequest });
      if (r !== ceiling) verdicts.push([r.target, judged]);
      console.log(
        `| ${r.target} | ${f(r.rps)} | ${f(r.p50Ms, 2)} | ${f(r.p99Ms, 2)} | ${r.errors} | ${f(r.cpuPerRequestUs, 1)} | ${f(throughputRatio, 2)} | ${f(cpuRatio, 2)} | ${f(r.peakRssMb)} | ${r.queries ?? "-"} | ${judged} |`,
      );
    }
    const homeRow = rows[1];
    console.log(
      `\n${INTERNAL_TARGET} against /: throughput ${f(internalRow.rps / homeRow.rps, 2)}x, CPU per request ${f(internalRow.cpuPerRequestUs / homeRow.cpuPerRequestUs, 2)}x, p99 ${f(internalRow.p99Ms, 2)} vs ${f(homeRow.p99Ms, 2)} ms, ${f((internalRow.queries ?? NaN) / Math.max(1, internalRow.requests), 3)} queries per request (the session lookup; its last-seen write is throttled)`,
    );
    const size = await firstVisitBytes(app.base);
    console.log(
      `\nFirst visit to / (compressed): ${(size.total / 1024).toFixed(1)} KB (${Object.entries(size.parts)
        .map(([p, b]) => `${p} ${(b / 1024).toFixed(1)} KB`)
        .join(", ")})`,
    );

    let outage;
    if (process.env.BENCH_OUTAGE !== "0") {
      outage = await runOutage(file, app.base, "outage");
    }
    fs.writeFileSync(
      path.join(OUT, "results.json"),
      JSON.stringify({ at: new Date().toISOString(), loadAverage: loadAverage(), rows, size, outage }, null, 2),
    );
  } finally {
    await app.stop();
  }

  if (process.env.BENCH_OUTAGE !== "0" && process.env.BENCH_OUTAGE_COMPARE === "1") {
    const mainThread = await startApp(file, PORT, { env: { RENDER_WORKER: "false" } });
    try {
      await runOutage(file, mainThread.base, "outage, RENDER_WORKER=false");
    } finally {
      await mainThread.stop();
    }
  }

  if (process.env.BENCH_GROWTH !== "0") {
    console.log("\nGrowth: one cache miss of / (read + render + compress) through the server, median of 5");
    const growth = await growthTable(OUT, PORT + 3, GROWTH_SIZES, GROWTH_YEARS);
    console.log(`load average ${loadAverage()}\n`);
    console.log(
      "| services | years | history rows | read ms (in process) | miss ms (whole request) | server CPU ms per miss | HTML KB | brotli KB |",
    );
    console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const g of growth)
      console.log(
        `| ${g.services} | ${g.years} | ${g.historyRows} | ${f(g.readMs, 1)} | ${f(g.missMs, 1)} | ${f(g.missCpuMs, 1)} | ${f(g.htmlKb)} | ${f(g.brotliKb, 1)} |`,
      );
    const judged = growthVerdict(growth);
    verdicts.push(["growth", judged]);
    console.log(`\nverdict (/ at 300 services < ${TARGETS.growthBrotliKb} KB compressed): ${judged}`);
  }
}

main()
  .then(() => {
    // The service report's cache miss (issue #17), in process: BENCH_REPORT=0 skips it.
    if (process.env.BENCH_REPORT !== "0") verdicts.push(["service report", printServiceReportBench()]);
  })
  .then(() => {
    console.log(`\nVerdicts (load average now ${loadAverage()}):`);
    for (const [what, judged] of verdicts) console.log(`  ${what}: ${judged}`);
    process.exit(0);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });

// `npm run bench:page`: the public pages under load on a large dataset, against the production build.
// Prints requests/s, latency, errors, the ratio to a bare node:http server sending the same bytes, the
// server's peak memory and the database queries it made during each run. Set BENCH_VIA_NGINX=1 to also
// run `/` through Debian's nginx with deploy/nginx.conf (needs nginx installed).
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import { openDatabase } from "@/db";
import { getHomePage, UPTIME_DAYS } from "@/db/queries/home-page";
import { getPage } from "@/db/queries/status-page";
import { getStatusHistory } from "@/db/queries/uptime-history";
import { components } from "@/db/schema";
import { lastLocalDays } from "@/lib/domain/time-zone";
import { dailyUptime, periodUptime } from "@/lib/domain/uptime";
import { seedLargeDataset, LARGE } from "./large-dataset";

const OUT = path.resolve("bench", ".out");
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const BARE_PORT = PORT + 1;
const NGINX_PORT = PORT + 2;
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;
/** Sent like a browser does, so both the app and the ceiling send the same (compressed) bytes. */
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? "br, gzip";
const base = `http://127.0.0.1:${PORT}`;

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

async function waitFor(url: string, timeoutMs = 300_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await get(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

const metrics = async () => JSON.parse((await get(`${base}/_status/metrics`)).body.toString()) as { queries: number; rss: number };

async function load(url: string, seconds: number) {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {} });
}

interface Row {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  ratio?: number;
  peakRssMb?: number;
  queries?: number;
}

async function measure(target: string, url: string, watchServer: boolean): Promise<Row> {
  await load(url, 3); // warm-up
  const before = watchServer ? await metrics() : undefined;
  let peak = 0;
  const sampler = watchServer
    ? setInterval(() => void metrics().then((m) => (peak = Math.max(peak, m.rss)), () => undefined), 500)
    : undefined;
  const result = await load(url, DURATION);
  if (sampler) clearInterval(sampler);
  const after = watchServer ? await metrics() : undefined;
  return {
    target,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    peakRssMb: watchServer ? Math.round(Math.max(peak, after!.rss) / 1e6) : undefined,
    queries: watchServer ? after!.queries - before!.queries : undefined,
  };
}

/** Bytes a first visit to `/` transfers, compressed as a browser asks: HTML, CSS, JS and the favicon. */
async function firstVisitBytes(): Promise<{ total: number; parts: Record<string, number> }> {
  const enc = { "accept-encoding": "br, gzip" };
  const html = await get(`${base}/`, enc);
  const plain = (await get(`${base}/`)).body.toString();
  const assets = [...plain.matchAll(/<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src)="([^"]+)"/g)].map((m) => m[1]);
  const parts: Record<string, number> = { "/ (html)": html.body.length };
  for (const asset of assets) parts[asset] = (await get(`${base}${asset}`, enc)).body.length;
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

/** Times the uptime computation alone (history already loaded) and the whole home page read. */
function timeUptime(file: string) {
  const db = openDatabase(file);
  const page = getPage(db)!;
  const services = db.select({ id: components.id, startDate: components.startDate }).from(components).all();
  const now = Date.now();
  const days = lastLocalDays(now, UPTIME_DAYS, page.timeZone);
  const history = getStatusHistory(db, services.map((c) => c.id), days[0].start);
  const runs = 20;
  let t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const fresh = lastLocalDays(now, UPTIME_DAYS, page.timeZone);
    for (const c of services) periodUptime(dailyUptime({ changes: history.get(c.id) ?? [], days: fresh, now, startDate: c.startDate }));
  }
  const uptimeMs = (performance.now() - t0) / runs;
  getHomePage(db, page); // warm the statement cache
  t0 = performance.now();
  for (let i = 0; i < 5; i++) getHomePage(db, page);
  const homeMs = (performance.now() - t0) / 5;
  db.$client.close();
  return { uptimeMs, homeMs, rows: [...history.values()].reduce((n, h) => n + h.length, 0) };
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, "bench.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const seedDb = openDatabase(file);
  const { incidentIds } = seedLargeDataset(seedDb);
  seedDb.$client.close();
  console.log(`Dataset: ${LARGE.components} services in ${LARGE.groups} groups, ${LARGE.days} days of history, ${LARGE.incidents} incidents`);
  const { uptimeMs, homeMs, rows: historyRows } = timeUptime(file);
  console.log(`Uptime of all ${LARGE.components} services over 90 days (${historyRows} history rows): ${uptimeMs.toFixed(1)} ms`);
  console.log(`Whole home page read (all queries + uptime + roll-ups), i.e. one cache miss before rendering: ${homeMs.toFixed(1)} ms`);

  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const, PORT: String(PORT), HOST: "127.0.0.1", DATABASE_PATH: file, SEED_DEMO: "false", PAGE_METRICS: "1", RUN_JOBS: "false", ADMIN_PASSWORD: "benchmark-password-1" };
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  const children: ChildProcess[] = [server];
  const stop = () => children.forEach((c) => c.kill("SIGTERM"));
  process.on("exit", stop);
  try {
    await waitFor(`${base}/api/health`);
    const incident = `/incidents/${incidentIds[incidentIds.length - 1]}`;
    const home = await get(`${base}/`, ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {});
    fs.writeFileSync(path.join(OUT, "home.html"), home.body);
    const keep = ["content-type", "content-encoding", "cache-control", "vary", "etag", "content-security-policy", "x-content-type-options", "referrer-policy", "x-cache"];
    const headers = Object.fromEntries(keep.filter((k) => home.headers[k] !== undefined).map((k) => [k, String(home.headers[k])]));
    fs.writeFileSync(path.join(OUT, "home.html.headers.json"), JSON.stringify(headers));
    const bare = fork(path.resolve("bench", "bare-server.ts"), [path.join(OUT, "home.html"), String(BARE_PORT)], { execArgv: ["--import", "tsx"] });
    children.push(bare);
    await new Promise((resolve) => bare.once("message", resolve));

    const rows: Row[] = [];
    rows.push(await measure("ceiling: bare node:http, same bytes as /", `http://127.0.0.1:${BARE_PORT}/`, false));
    rows.push(await measure("/", `${base}/`, true));
    rows.push(await measure(incident, `${base}${incident}`, true));
    rows.push(await measure("/history", `${base}/history`, true));
    if (process.env.BENCH_VIA_NGINX === "1") {
      const nginx = await startNginx();
      children.push(nginx);
      rows.push(await measure("/ through nginx (deploy/nginx.conf)", `http://127.0.0.1:${NGINX_PORT}/`, true));
    }
    const ceiling = rows[0].rps;
    for (const row of rows.slice(1)) row.ratio = Math.round((row.rps / ceiling) * 100) / 100;
    const size = await firstVisitBytes();

    console.log(`\n${CONNECTIONS} connections, ${DURATION} s per target after a 3 s warm-up (autocannon, Accept-Encoding: ${ACCEPT_ENCODING || "none"}):\n`);
    console.log("| target | req/s | p50 ms | p99 ms | errors | ratio to ceiling | server peak RSS MB | DB queries during run |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) console.log(`| ${r.target} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.ratio ?? "1"} | ${r.peakRssMb ?? "-"} | ${r.queries ?? "-"} |`);
    console.log(`\nFirst visit to / (compressed): ${(size.total / 1024).toFixed(1)} KB`);
    for (const [part, bytes] of Object.entries(size.parts)) console.log(`  ${part}: ${(bytes / 1024).toFixed(1)} KB`);
    fs.writeFileSync(path.join(OUT, "results.json"), JSON.stringify({ at: new Date().toISOString(), uptimeMs, homeMs, rows, size }, null, 2));
  } finally {
    stop();
  }
}

/** Debian's nginx with our deploy/nginx.conf, pointed at the app, as a foreground child. */
async function startNginx(): Promise<ChildProcess> {
  const conf = fs
    .readFileSync(path.resolve("deploy", "nginx.conf"), "utf8")
    .replace(/listen\s+[^;]+;/, `listen 127.0.0.1:${NGINX_PORT};`)
    .replace(/server 127\.0\.0\.1:\d+/, `server 127.0.0.1:${PORT}`)
    .replace(/\/var\/cache\/nginx\/statuspage/g, path.join(OUT, "nginx-cache"));
  const prefix = path.join(OUT, "nginx");
  fs.mkdirSync(path.join(prefix, "logs"), { recursive: true });
  const wrapper = `worker_processes 1;\nerror_log ${prefix}/logs/error.log warn;\npid ${prefix}/nginx.pid;\nevents { worker_connections 1024; }\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n${conf}\n}\n`;
  fs.writeFileSync(path.join(prefix, "nginx.conf"), wrapper);
  const nginx = spawn("nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" });
  await waitFor(`http://127.0.0.1:${NGINX_PORT}/`);
  return nginx;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

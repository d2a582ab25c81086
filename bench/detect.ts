// `npm run bench:detect`: detection latency end to end, on the production server with its job runner (the
// monitor scheduler and the mail worker) and a real SQLite file. One HTTP monitor (interval BENCH_INTERVAL s,
// default 10; failures before down 2; successes before up 1) watches a target on 127.0.0.1 that this script
// takes down BENCH_RUNS times (default 5). Per run it measures (a) target down -> `/` shows the service down
// (polled every 250 ms, a fresh connection each time, so the page cache is measured too) against interval x
// failures + 5 s, and (b) that moment -> the team email accepted by the fake Resend server (its own process)
// against 10 s. Ports: BENCH_PORT (3125) for the app, +1 the target, +2 the fake Resend server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db";
import { users } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { ensurePage } from "@/db/writes/page";
import { insertUser } from "@/db/writes/users";
import { createMonitor } from "@/services/monitors/verbs";
import { get, startApp, waitFor } from "./servers";

const PORT = Number(process.env.BENCH_PORT ?? 3125);
const TARGET_PORT = PORT + 1;
const MAIL_PORT = PORT + 2;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const INTERVAL = Number(process.env.BENCH_INTERVAL ?? 10);
const FAILURES = 2;
const PAGE_BOUND_MS = INTERVAL * FAILURES * 1000 + 5_000;
const MAIL_BOUND_MS = 10_000;
const OUT = path.resolve("bench", ".out");
const TEAM = "oncall@example.org";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(everyMs);
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/** The service's status label as `/` shows it now (each call a new connection). */
async function statusOnPage(base: string, componentId: string): Promise<string> {
  const html = (await get(`${base}/`)).body.toString();
  const start = html.indexOf(`data-component="${componentId}"`);
  const row = html.slice(start, html.indexOf("</li>", start));
  return /Major outage/.test(row) ? "down" : /Operational/.test(row) ? "up" : "other";
}

async function teamEmails(): Promise<{ at: number; subject: string; to: string[] }[]> {
  return JSON.parse((await get(`http://127.0.0.1:${MAIL_PORT}/_test/emails`)).body.toString()).data;
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, "detect.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

  let healthy = true;
  const target = http.createServer((_req, res) => {
    res.writeHead(healthy ? 200 : 503, { "content-type": "text/plain" });
    res.end(healthy ? "ok" : "unavailable");
  });
  await new Promise<void>((resolve) => target.listen(TARGET_PORT, "127.0.0.1", resolve));
  const mail = spawn(process.execPath, ["--import", "tsx", "scripts/fake-resend.ts", String(MAIL_PORT)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.on("exit", () => mail.kill());

  const db = openDatabase(file, { countQueries: false });
  const now = Date.now();
  ensurePage(db, { name: "Bench", timeZone: "Etc/UTC", at: now });
  const userId = insertUser(db, { email: TEAM, passwordHash: "x", role: "owner", at: now });
  db.update(users).set({ notifyOnMonitorDown: true }).where(eq(users.id, userId)).run();
  const componentId = insertComponent(db, {
    pageId: db.query.pages.findFirst().sync()!.id,
    name: "Web",
    at: now,
    actor: { source: "manual" },
  });
  const owner = { type: "user" as const, userId, label: "bench", role: "owner" as const };
  createMonitor(
    db,
    owner,
    {
      name: "Web health",
      kind: "http",
      intervalSeconds: INTERVAL,
      timeoutMs: 2_000,
      componentId,
      failuresBeforeDown: FAILURES,
      successesBeforeUp: 1,
      config: { url: `http://127.0.0.1:${TARGET_PORT}/health` },
    },
    now,
  );
  db.$client.close();

  await waitFor(`http://127.0.0.1:${MAIL_PORT}/_test/stats`, 60_000);
  const t0 = Date.now();
  const app = await startApp(file, PORT, {
    env: {
      RUN_JOBS: "true",
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      RESEND_API_KEY: "re_bench_key",
      RESEND_BASE_URL: `http://127.0.0.1:${MAIL_PORT}`,
    },
  });
  console.log(
    `server up in ${((Date.now() - t0) / 1000).toFixed(0)} s; interval ${INTERVAL} s, failures before down ${FAILURES}`,
  );
  const rows: { page: number; mail: number }[] = [];
  try {
    await until(
      "the service to show operational",
      async () => ((await statusOnPage(app.base, componentId)) === "up" ? true : undefined),
      60_000,
    );
    for (let run = 1; run <= RUNS; run++) {
      // Down at a random moment of the monitor's interval, as a real outage would be.
      await sleep(Math.random() * INTERVAL * 1000);
      const mailsBefore = (await teamEmails()).length;
      healthy = false;
      const downAt = Date.now();
      const seenAt = await until(
        "/ to show the service down",
        async () => ((await statusOnPage(app.base, componentId)) === "down" ? Date.now() : undefined),
        PAGE_BOUND_MS * 3,
      );
      const email = await until(
        "the team email",
        async () => {
          const mine = (await teamEmails())
            .slice(mailsBefore)
            .find((e) => e.to.includes(TEAM) && e.subject === "Down: Web health");
          return mine;
        },
        60_000,
        100,
      );
      rows.push({ page: seenAt - downAt, mail: email.at - seenAt });
      // The email can be accepted before the poll sees the page change: then the second figure is negative.
      console.log(
        `run ${run}: / shows down after ${((seenAt - downAt) / 1000).toFixed(1)} s; team email accepted ${((email.at - seenAt) / 1000).toFixed(1)} s after that (${((email.at - downAt) / 1000).toFixed(1)} s after the target went down)`,
      );
      healthy = true;
      await until(
        "the service to recover on /",
        async () => ((await statusOnPage(app.base, componentId)) === "up" ? true : undefined),
        (INTERVAL + 10) * 1000 * 3,
      );
    }
  } finally {
    await app.stop();
    mail.kill();
    target.close();
  }
  const maxPage = Math.max(...rows.map((r) => r.page));
  const maxMail = Math.max(...rows.map((r) => r.mail));
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log(
    `max target down -> / down: ${(maxPage / 1000).toFixed(1)} s (bound ${PAGE_BOUND_MS / 1000} s): ${verdict(maxPage <= PAGE_BOUND_MS)}`,
  );
  console.log(
    `max / down -> team email accepted: ${(maxMail / 1000).toFixed(1)} s (bound ${MAIL_BOUND_MS / 1000} s): ${verdict(maxMail <= MAIL_BOUND_MS)}`,
  );
  console.log(`total ${((Date.now() - t0) / 1000).toFixed(0)} s after the server was started`);
  if (maxPage > PAGE_BOUND_MS || maxMail > MAIL_BOUND_MS) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

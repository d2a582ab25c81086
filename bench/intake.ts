// `npm run bench:intake`: Alertmanager notifications at a steady rate (default 100 a second for 30 s) to the
// real intake route on a real listener (127.0.0.1:3206) over a fresh SQLite file, open loop (a slow answer
// does not slow the sender down). Each notification groups 1-3 alerts of 50 fingerprints over 5 services,
// firing or resolved, so claims open, end and dedupe. Prints p50/p99/max latency and errors.
// The sender runs in the same process as the handler, so its CPU is counted against the server: a
// conservative figure. INTAKE_RATE and INTAKE_SECONDS change the load.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-intake-")), "status.db");
process.env.NEXT_TELEMETRY_DISABLED = "1";
const PORT = 3206;
const RATE = Number(process.env.INTAKE_RATE ?? 100);
const SECONDS = Number(process.env.INTAKE_SECONDS ?? 30);

async function main() {
  const { getDb, closeDb } = await import("@/db");
  const { ensurePage } = await import("@/db/writes/page");
  const { insertComponent } = await import("@/db/writes/components");
  const { createIntegration } = await import("@/services/integrations/verbs");
  const { handleIntake } = await import("@/services/integrations/intake-route");
  const { SYSTEM } = await import("@/core/actor");
  const db = getDb();
  ensurePage(db, { name: "Bench", timeZone: "Etc/UTC", at: Date.now() });
  const pageId = db.$client.prepare("select id from pages").get() as { id: string };
  const services = ["Mail", "VPN", "Wiki", "Printing", "Chat"];
  for (const name of services)
    insertComponent(db, { pageId: pageId.id, name, at: Date.now(), actor: { source: "seed" } });
  const { id, secret } = createIntegration(db, SYSTEM, { name: "Prometheus", kind: "alertmanager" });

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    try {
      const response = await handleIntake(
        new Request(`http://127.0.0.1:${PORT}${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
        id,
        secret,
      );
      res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
    } catch (err) {
      res.writeHead(500).end(err instanceof Error ? err.stack : String(err));
    }
  });
  // Longer than the client's idle time: otherwise the server may close a kept-alive socket just as the
  // sender reuses it (an ECONNRESET that says nothing about the intake).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(PORT, "127.0.0.1", r));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const benchStart = Date.now();
  const notification = (n: number) => {
    const count = 1 + (n % 3);
    const alerts = Array.from({ length: count }, (_, i) => {
      const f = (n * 7 + i * 13) % 50;
      const firing = (n >> 4) % 2 === 0;
      return {
        status: firing ? "firing" : "resolved",
        labels: {
          alertname: `Alert${f}`,
          service: services[f % services.length],
          severity: f % 4 === 0 ? "critical" : "warning",
        },
        annotations: { summary: `Alert ${f}` },
        // Each firing period is a new occurrence of the alert, as Alertmanager reports it: a fresh startsAt.
        startsAt: new Date(benchStart + (((n >> 4) << 4) * 1000) / RATE).toISOString(),
        endsAt: firing ? "0001-01-01T00:00:00Z" : new Date().toISOString(),
        fingerprint: `fp${f}`,
      };
    });
    return JSON.stringify({
      version: "4",
      groupKey: `{}:{n="${n % 10}"}`,
      status: alerts[0].status,
      receiver: "status-page",
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: "http://am",
      alerts,
    });
  };
  const failures: string[] = [];
  const post = (body: string) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: PORT,
          path: `/api/integrations/${id}/${secret}`,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on("data", (c: Buffer) => parts.push(c));
          res.on("end", () => {
            if (res.statusCode !== 200 && failures.length < 5)
              failures.push(`${res.statusCode}: ${Buffer.concat(parts).toString().slice(0, 300)}`);
            resolve(res.statusCode ?? 0);
          });
        },
      );
      req.on("error", (err) => {
        if (failures.length < 5) failures.push(`connection: ${err.message}`);
        resolve(0);
      });
      req.end(body);
    });

  const latencies: number[] = [];
  let errors = 0;
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  const total = RATE * SECONDS;
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = notification(n);
    const sent = performance.now();
    inflight.push(
      post(body).then((status) => {
        latencies.push(performance.now() - sent);
        if (status !== 200) errors++;
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(
    `${total} notifications in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(1)}/s): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${latencies.at(-1)!.toFixed(1)} ms, errors ${errors}`,
  );
  // Machine load moves the latencies a lot on a shared box; CPU per notification does not.
  console.log(
    `process CPU: ${((cpu.user + cpu.system) / 1000 / total).toFixed(2)} ms per notification (sender included), ${(((cpu.user + cpu.system) / 1e6 / elapsed) * 100).toFixed(0)}% of one core`,
  );
  if (failures.length) console.log(`first failures:\n${failures.join("\n")}`);
  const claims = db.$client.prepare("select count(*) as n from status_claims").get() as { n: number };
  console.log(`claims written: ${claims.n} (opened and ended; repeats deduplicated)`);
  agent.destroy();
  server.close();
  closeDb();
  if (errors > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

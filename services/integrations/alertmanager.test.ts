// The REAL Prometheus Alertmanager (Debian's prometheus-alertmanager) on loopback, with a generated config
// whose webhook receiver is our intake URL, served by the real route handler on a real listener. Alerts are
// posted to Alertmanager's own API; firing takes the service down, resolving (endsAt in the past) brings it
// back. Ports 3201 (our listener) and 3202 (Alertmanager).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/integrations/[id]/[secret]/route";
import { closeDb } from "@/db";
import { recentPayloads } from "@/db/queries/integrations";
import { components } from "@/db/schema";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addMember } from "@/services/testing/scenario";
import { createIntegration, intakeUrl } from "./verbs";

const BINARY = process.env.ALERTMANAGER_PATH ?? "/usr/bin/prometheus-alertmanager";
const OUR_PORT = 3201;
const AM_PORT = 3202;
const AM = `http://127.0.0.1:${AM_PORT}`;

let world: World;
let server: http.Server;
let alertmanager: ChildProcess | undefined;
let amLog = "";
let dir: string;

/** Our route handler behind a real HTTP listener, as Next would serve it. */
function listen(): Promise<http.Server> {
  const s = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${OUR_PORT}`);
    const match = /^\/api\/integrations\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!match || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const response = await POST(new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) }), {
      params: Promise.resolve({ id: match[1], secret: match[2] }),
    });
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  return new Promise((resolve) => s.listen(OUR_PORT, "127.0.0.1", () => resolve(s)));
}

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}. Alertmanager said:\n${amLog.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const postAlerts = async (alerts: unknown[]) => {
  const res = await fetch(`${AM}/api/v2/alerts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(alerts),
  });
  expect(res.status, await res.text()).toBe(200);
};

beforeAll(async () => {
  if (!fs.existsSync(BINARY))
    throw new Error(`Prometheus Alertmanager is missing (${BINARY}): apt-get install -y prometheus-alertmanager`);
  world = useFreshAppDatabase();
  server = await listen();
}, 30_000);

afterAll(async () => {
  alertmanager?.kill("SIGTERM");
  await new Promise((r) => server?.close(r));
  closeDb();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the real Alertmanager", () => {
  it("an alert posted to Alertmanager takes the service down through our intake URL; resolving brings it back", async () => {
    const owner = addMember(world.db, "owner");
    const { id, secret } = createIntegration(world.db, owner, { name: "Prometheus", kind: "alertmanager" });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "alertmanager-"));
    const config = [
      "route:",
      "  receiver: status-page",
      "  group_by: ['alertname']",
      "  group_wait: 1s",
      "  group_interval: 1s",
      "  repeat_interval: 1h",
      "receivers:",
      "  - name: status-page",
      "    webhook_configs:",
      `      - url: '${intakeUrl(`http://127.0.0.1:${OUR_PORT}`, id, secret)}'`,
      "        send_resolved: true",
      "",
    ].join("\n");
    fs.writeFileSync(path.join(dir, "alertmanager.yml"), config);
    alertmanager = spawn(
      BINARY,
      [
        `--config.file=${path.join(dir, "alertmanager.yml")}`,
        `--storage.path=${path.join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${AM_PORT}`,
        "--cluster.listen-address=",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    alertmanager.stdout!.on("data", (d) => (amLog += d));
    alertmanager.stderr!.on("data", (d) => (amLog += d));
    await until("Alertmanager to be ready", async () => (await fetch(`${AM}/-/ready`).catch(() => null))?.ok);

    const statusOfVpn = () => world.db.select().from(components).where(eq(components.id, world.vpn)).get()!.status;
    const alert = {
      labels: { alertname: "VpnGatewayDown", service: "VPN", severity: "critical", instance: "vpn1" },
      annotations: { summary: "VPN gateway vpn1 is down" },
    };
    await postAlerts([{ ...alert, startsAt: new Date().toISOString() }]);
    await until("the VPN to go down", () => statusOfVpn() === "major_outage");
    const firing = recentPayloads(world.db, id).at(-1)!;
    expect(JSON.parse(firing.body)).toMatchObject({ version: "4", status: "firing", receiver: "status-page" });

    await postAlerts([
      {
        ...alert,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() - 1000).toISOString(),
      },
    ]);
    await until("the VPN to recover", () => statusOfVpn() === "operational");
    expect(recentPayloads(world.db, id)[0]).toMatchObject({
      outcome: "applied",
      summary: "1 alert(s): 1 claim(s) ended",
    });
  }, 60_000);
});

// /metrics through the real route handler on a real SQLite file: parsed line by line as the Prometheus text
// format (every sample belongs to a family with HELP and TYPE, label values escaped), the numbers checked
// against the rows, and a 401 without a valid key.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { closeDb } from "@/db";
import { deliveries, monitors } from "@/db/schema";
import { setComponentStatus } from "@/db/writes/components";
import { enqueueNotification } from "@/db/writes/outbox";
import { createApiKey, revokeApiKey } from "@/services/api-keys";
import { SYSTEM } from "@/core/actor";
import { receivePayload } from "@/services/integrations/intake";
import { createIntegration } from "@/services/integrations/verbs";
import { createMonitor } from "@/services/monitors/verbs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addComponent, addMember } from "@/services/testing/scenario";
import { findIntegration } from "@/db/queries/integrations";
import { eq } from "drizzle-orm";

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
});
afterAll(() => closeDb());

const scrape = (authorization?: string) =>
  GET(new Request("http://127.0.0.1:3999/metrics", { headers: authorization ? { authorization } : {} }));

type Sample = { name: string; labels: Record<string, string>; value: number };
/** A strict reader of the text format: fails the test on any line it does not understand. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  const typed = new Map<string, string>();
  const helped = new Set<string>();
  expect(text.endsWith("\n")).toBe(true);
  for (const line of text.trimEnd().split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") typed.set(meta[2], meta[3]);
      else helped.add(meta[2]);
      continue;
    }
    const m =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.e+-]+|NaN)$/.exec(
        line,
      );
    expect(m, `not a valid sample line: ${line}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const l of (m![2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]] = l[2].replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    expect(typed.has(m![1]) && helped.has(m![1]), `${m![1]} has HELP and TYPE`).toBe(true);
    samples.push({ name: m![1], labels, value: Number(m![3]) });
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string>) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .map((s) => s.value);

describe("/metrics", () => {
  it("401 without a key, with a revoked key or a wrong scheme", async () => {
    const key = createApiKey(world.db, SYSTEM, { name: "old", role: "read" });
    revokeApiKey(world.db, SYSTEM, key.id);
    for (const auth of [undefined, `Bearer ${key.key}`, "Basic abc", "Bearer nope"]) {
      const res = await scrape(auth);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("reports each service's status, monitors, the outbox and deliveries, and firing alerts", async () => {
    const { key } = createApiKey(world.db, SYSTEM, { name: "prometheus", role: "read" });
    const owner = addMember(world.db, "owner");
    const printers = addComponent(world.db, world.pageId, 'Printers "3rd floor"\\B');
    setComponentStatus(world.db, printers, "partial_outage", Date.now(), { source: "manual" });
    const monitor = createMonitor(world.db, owner, {
      name: "Intranet",
      kind: "tcp",
      intervalSeconds: 30,
      componentId: null,
      config: { host: "127.0.0.1", port: 3203 },
    });
    world.db
      .update(monitors)
      .set({ state: "down", lastResponseMs: 250, lastCheckedAt: Date.now() })
      .where(eq(monitors.id, monitor.id))
      .run();
    const integration = createIntegration(world.db, owner, { name: "Grafana", kind: "generic" });
    await receivePayload(
      world.db,
      findIntegration(world.db, integration.id)!,
      { service: "VPN", severity: "critical", fingerprint: "x" },
      "{}",
    );
    const n = enqueueNotification(world.db, {
      pageId: world.pageId,
      kind: "monitor_down",
      at: Date.now(),
      payload: {},
    });
    const row = (
      state: "pending" | "sent" | "failed" | "parked",
      chunk: number,
      channel: "email" | "webhook" = "email",
    ) => ({
      id: `d${state}${chunk}${channel}`.slice(0, 12).padEnd(12, "0"),
      notificationId: n,
      channel,
      chunk,
      recipients: [],
      idempotencyKey: `${state}-${chunk}-${channel}`,
      state,
      nextAttemptAt: 0,
      createdAt: Date.now() - 60_000,
      updatedAt: 0,
    });
    world.db
      .insert(deliveries)
      .values([
        row("pending", 1),
        row("sent", 2),
        row("sent", 3),
        row("failed", 4),
        row("parked", 5),
        row("sent", 6, "webhook"),
      ])
      .run();

    const res = await scrape(`Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const samples = parseExposition(await res.text());

    expect(value(samples, "statuspage_service_status", { service_id: printers, status: "partial_outage" })).toEqual([
      1,
    ]);
    expect(value(samples, "statuspage_service_status", { service_id: printers, status: "operational" })).toEqual([0]);
    expect(samples.find((s) => s.labels.service_id === printers)!.labels.service).toBe('Printers "3rd floor"\\B');
    expect(value(samples, "statuspage_service_status_code", { service: "VPN" })).toEqual([4]);
    expect(value(samples, "statuspage_service_status_code", { service: "Webmail" })).toEqual([0]);
    expect(value(samples, "statuspage_monitor_state", { monitor: "Intranet", state: "down" })).toEqual([1]);
    expect(value(samples, "statuspage_monitor_state", { monitor: "Intranet", state: "up" })).toEqual([0]);
    expect(value(samples, "statuspage_monitor_last_response_seconds", { monitor: "Intranet" })).toEqual([0.25]);
    expect(value(samples, "statuspage_outbox_depth", { channel: "email" })).toEqual([1]);
    expect(value(samples, "statuspage_outbox_depth", { channel: "webhook" })).toEqual([0]);
    expect(value(samples, "statuspage_outbox_oldest_age_seconds", { channel: "email" })[0]).toBeGreaterThanOrEqual(60);
    expect(value(samples, "statuspage_deliveries_total", { channel: "email", result: "sent" })).toEqual([2]);
    expect(value(samples, "statuspage_deliveries_total", { channel: "email", result: "failed" })).toEqual([2]);
    expect(value(samples, "statuspage_deliveries_total", { channel: "webhook", result: "sent" })).toEqual([1]);
    expect(value(samples, "statuspage_integration_firing_alerts", { integration: "Grafana" })).toEqual([1]);
  });
});

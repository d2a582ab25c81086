// The management API through its real route handlers, with real keys and a real SQLite file: every endpoint,
// each role, a revoked key, malformed and oversized bodies, the Statuspage-shaped creation, and the OpenAPI
// document checked against the real responses.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog, components, incidents } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { HOUR } from "@/core/time";
import * as componentsRoute from "@/app/api/v1/components/route";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import * as incidentRoute from "@/app/api/v1/incidents/[id]/route";
import * as updatesRoute from "@/app/api/v1/incidents/[id]/updates/route";
import * as resolveRoute from "@/app/api/v1/incidents/[id]/resolve/route";
import * as maintenancesRoute from "@/app/api/v1/maintenances/route";
import * as maintenanceRoute from "@/app/api/v1/maintenances/[id]/route";
import * as maintenanceUpdatesRoute from "@/app/api/v1/maintenances/[id]/updates/route";
import * as cancelRoute from "@/app/api/v1/maintenances/[id]/cancel/route";
import * as statuspageRoute from "@/app/api/v1/pages/[pageId]/incidents/route";
import { resetRateLimitsForTests } from "./rate-limit";
import { apiClient, closeApiTestDatabase, expectResponsesMatchOpenApi, openApiTestDatabase } from "./test-client";

let keys: Record<"read" | "editor" | "admin" | "revoked", string>;
let vpn: string;
let pageId: string;
const { call, responses } = apiClient(() => keys.editor);

beforeAll(() => {
  let db;
  ({ db, pageId, keys } = openApiTestDatabase());
  vpn = insertComponent(db, { pageId, name: "VPN", at: Date.now(), actor: { source: "manual" } });
});
afterAll(closeApiTestDatabase);
beforeEach(() => resetRateLimitsForTests());

describe("authentication and roles", () => {
  it("refuses a missing, malformed, unknown or revoked key with 401", async () => {
    for (const key of [null, "", "sp_nope", "not-a-key", keys.revoked]) {
      const r = await call(incidentsRoute.GET, { path: "/api/v1/incidents", docPath: "/api/v1/incidents", key });
      expect(r.status, String(key)).toBe(401);
      expect(r.json.error.code).toBe("unauthorized");
      expect(r.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("lets a read key read but not write, and an editor write", async () => {
    expect(
      (await call(componentsRoute.GET, { path: "/api/v1/components", docPath: "/api/v1/components", key: keys.read }))
        .status,
    ).toBe(200);
    const denied = await call(incidentsRoute.POST, {
      path: "/api/v1/incidents",
      docPath: "/api/v1/incidents",
      key: keys.read,
      body: { name: "x", message: "y" },
    });
    expect(denied).toMatchObject({ status: 403, json: { error: { code: "forbidden" } } });
    expect(getDb().select().from(incidents).all()).toHaveLength(0);
  });

  it("limits each key's rate with a 429 and Retry-After", async () => {
    const statuses: number[] = [];
    let limited;
    // A burst of 60 is allowed; the bucket refills at 2 a second, so a few more may pass while this runs.
    for (let i = 0; i < 70 && !limited; i++) {
      const r = await call(componentsRoute.GET, {
        path: "/api/v1/components",
        docPath: "/api/v1/components",
        key: keys.admin,
      });
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(limited?.json.error.code).toBe("rate_limited");
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(
      (await call(componentsRoute.GET, { path: "/api/v1/components", docPath: "/api/v1/components", key: keys.read }))
        .status,
    ).toBe(200);
  });
});

describe("incidents", () => {
  it("creates, updates, reads and resolves an incident, audited with the key's name", async () => {
    const created = await call(incidentsRoute.POST, {
      path: "/api/v1/incidents",
      docPath: "/api/v1/incidents",
      body: { name: "VPN down", message: "Investigating", componentStatuses: { [vpn]: "major_outage" } },
    });
    expect(created.status).toBe(201);
    const id = created.json.incident.id;
    expect(created.json.incident).toMatchObject({ name: "VPN down", status: "investigating", impact: "critical" });
    const updated = await call(updatesRoute.POST, {
      path: `/api/v1/incidents/${id}/updates`,
      docPath: "/api/v1/incidents/{id}/updates",
      params: { id },
      body: { status: "identified", message: "Found it" },
    });
    expect(updated.status).toBe(201);
    expect(updated.json.incident.incident_updates[0]).toMatchObject({ status: "identified", body: "Found it" });
    const resolved = await call(resolveRoute.POST, {
      path: `/api/v1/incidents/${id}/resolve`,
      docPath: "/api/v1/incidents/{id}/resolve",
      params: { id },
      body: {},
    });
    expect(resolved.json.incident.status).toBe("resolved");
    expect(getDb().select().from(components).where(eq(components.id, vpn)).get()!.status).toBe("operational");
    const got = await call(incidentRoute.GET, {
      path: `/api/v1/incidents/${id}`,
      docPath: "/api/v1/incidents/{id}",
      params: { id },
      key: keys.read,
    });
    expect(got.json.incident.incident_updates.map((u: { status: string }) => u.status)).toEqual([
      "resolved",
      "identified",
      "investigating",
    ]);
    const list = await call(incidentsRoute.GET, {
      path: "/api/v1/incidents?status=open",
      docPath: "/api/v1/incidents",
      key: keys.read,
    });
    expect(list.json.incidents).toEqual([]);
    const labels = getDb()
      .select()
      .from(auditLog)
      .all()
      .filter((a) => a.targetId === id)
      .map((a) => a.actorLabel);
    expect(new Set(labels)).toEqual(new Set(['API key "alertmanager"']));
  });

  it("answers bad bodies with the right status and nothing written", async () => {
    const before = getDb().select().from(incidents).all().length;
    const p = { path: "/api/v1/incidents", docPath: "/api/v1/incidents" };
    expect(await call(incidentsRoute.POST, { ...p, raw: "{not json" })).toMatchObject({
      status: 400,
      json: { error: { code: "invalid_json" } },
    });
    expect(
      await call(incidentsRoute.POST, { ...p, raw: "name=x", contentType: "application/x-www-form-urlencoded" }),
    ).toMatchObject({ status: 415 });
    expect(await call(incidentsRoute.POST, { ...p, body: { name: "x", message: "y".repeat(70_000) } })).toMatchObject({
      status: 413,
      json: { error: { code: "payload_too_large" } },
    });
    const invalid = await call(incidentsRoute.POST, {
      ...p,
      body: { name: "", message: "y", componentStatuses: { [vpn]: "melting" } },
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json.error.fields).sort()).toEqual(["componentStatuses", "name"]);
    const unknown = await call(incidentsRoute.POST, {
      ...p,
      body: { name: "x", message: "y", componentStatuses: { nosuchcompnt: "major_outage" } },
    });
    expect(unknown).toMatchObject({
      status: 422,
      json: { error: { code: "invalid", fields: { componentStatuses: expect.stringContaining("nosuchcompnt") } } },
    });
    expect(getDb().select().from(incidents).all()).toHaveLength(before);
  });

  it("answers 404 for unknown incidents and 409 for an update on a resolved one", async () => {
    const missing = await call(incidentRoute.GET, {
      path: "/api/v1/incidents/zzzzzzzzzzzz",
      docPath: "/api/v1/incidents/{id}",
      params: { id: "zzzzzzzzzzzz" },
    });
    expect(missing).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
    const { json } = await call(incidentsRoute.POST, {
      path: "/api/v1/incidents",
      docPath: "/api/v1/incidents",
      body: { name: "Done already", message: "m", status: "resolved" },
    });
    const id = json.incident.id;
    const conflict = await call(updatesRoute.POST, {
      path: `/api/v1/incidents/${id}/updates`,
      docPath: "/api/v1/incidents/{id}/updates",
      params: { id },
      body: { status: "investigating", message: "again" },
    });
    expect(conflict).toMatchObject({ status: 409, json: { error: { code: "conflict" } } });
  });
});

describe("Statuspage-shaped incident creation", () => {
  it("accepts Statuspage's body and OAuth header unchanged", async () => {
    const r = await call(statuspageRoute.POST, {
      path: `/api/v1/pages/${pageId}/incidents`,
      docPath: "/api/v1/pages/{pageId}/incidents",
      params: { pageId },
      scheme: "OAuth",
      body: {
        incident: {
          name: "Alert: VPN latency",
          status: "investigating",
          body: "Alertmanager fired",
          component_ids: [vpn],
          components: { [vpn]: "degraded_performance" },
          impact_override: "major",
          deliver_notifications: false,
        },
      },
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      name: "Alert: VPN latency",
      impact: "major",
      incident_updates: [{ body: "Alertmanager fired", deliver_notifications: false }],
    });
    expect(getDb().select().from(components).where(eq(components.id, vpn)).get()!.status).toBe("degraded_performance");
  });

  it("answers 404 for another page's id", async () => {
    const r = await call(statuspageRoute.POST, {
      path: "/api/v1/pages/otherpage000/incidents",
      docPath: "/api/v1/pages/{pageId}/incidents",
      params: { pageId: "otherpage000" },
      scheme: "OAuth",
      body: { incident: { name: "x" } },
    });
    expect(r.status).toBe(404);
  });
});

describe("maintenances", () => {
  it("schedules, reschedules, starts and cancels a window with ISO times", async () => {
    const start = new Date(Date.now() + 24 * HOUR).toISOString();
    const end = new Date(Date.now() + 25 * HOUR).toISOString();
    const created = await call(maintenancesRoute.POST, {
      path: "/api/v1/maintenances",
      docPath: "/api/v1/maintenances",
      body: { name: "Firmware", message: "Upgrading", scheduledFor: start, scheduledUntil: end, componentIds: [vpn] },
    });
    expect(created.status).toBe(201);
    const id = created.json.scheduled_maintenance.id;
    expect(created.json.scheduled_maintenance).toMatchObject({ status: "scheduled", scheduled_for: start });
    const later = new Date(Date.now() + 48 * HOUR).toISOString();
    const moved = await call(maintenanceRoute.PATCH, {
      method: "PATCH",
      path: `/api/v1/maintenances/${id}`,
      docPath: "/api/v1/maintenances/{id}",
      params: { id },
      body: { scheduledFor: later, scheduledUntil: new Date(Date.now() + 49 * HOUR).toISOString() },
    });
    expect(moved.json.scheduled_maintenance.scheduled_for).toBe(later);
    const started = await call(maintenanceUpdatesRoute.POST, {
      path: `/api/v1/maintenances/${id}/updates`,
      docPath: "/api/v1/maintenances/{id}/updates",
      params: { id },
      body: { status: "in_progress" },
    });
    expect(started.json.scheduled_maintenance.status).toBe("in_progress");
    const cancelled = await call(cancelRoute.POST, {
      path: `/api/v1/maintenances/${id}/cancel`,
      docPath: "/api/v1/maintenances/{id}/cancel",
      params: { id },
      body: { message: "Postponed" },
    });
    expect(cancelled.json.scheduled_maintenance.status).toBe("completed");
    const got = await call(maintenanceRoute.GET, {
      path: `/api/v1/maintenances/${id}`,
      docPath: "/api/v1/maintenances/{id}",
      params: { id },
      key: keys.read,
    });
    expect(got.json.scheduled_maintenance.incident_updates[0].body).toBe("Postponed");
  });

  it("rejects a window that ends before it starts, and times that are not ISO 8601", async () => {
    const p = { path: "/api/v1/maintenances", docPath: "/api/v1/maintenances" };
    const r = await call(maintenancesRoute.POST, {
      ...p,
      body: { name: "x", message: "y", scheduledFor: "2030-01-02T00:00:00Z", scheduledUntil: "2030-01-01T00:00:00Z" },
    });
    expect(r).toMatchObject({
      status: 422,
      json: { error: { fields: { scheduledUntil: "The end must be after the start" } } },
    });
    const bad = await call(maintenancesRoute.POST, {
      ...p,
      body: { name: "x", message: "y", scheduledFor: "tomorrow", scheduledUntil: "2030-01-01T00:00:00Z" },
    });
    expect(bad.json.error.fields.scheduledFor).toMatch(/ISO 8601/);
  });
});

describe("the OpenAPI document", () => {
  it("describes every response the tests above received", () => {
    expect(responses.length).toBeGreaterThan(30);
    expectResponsesMatchOpenApi(responses);
  });
});

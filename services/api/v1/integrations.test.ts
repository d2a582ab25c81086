// Alert integrations through the management API's real route handlers, real keys and a real SQLite file:
// create (secret and intake URL shown once, only a hash stored), list, get with payloads, update, rotate,
// delete, roles and bad bodies, and every response checked against the OpenAPI document.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { integrations } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import * as listRoute from "@/app/api/v1/integrations/route";
import * as oneRoute from "@/app/api/v1/integrations/[id]/route";
import * as secretRoute from "@/app/api/v1/integrations/[id]/secret/route";
import { POST as intake } from "@/app/api/integrations/[id]/[secret]/route";
import { resetRateLimitsForTests } from "./rate-limit";
import { apiClient, closeApiTestDatabase, expectResponsesMatchOpenApi, openApiTestDatabase } from "./test-client";

let db: Db;
let pageId: string;
let keys: ReturnType<typeof openApiTestDatabase>["keys"];
const { call, responses } = apiClient(() => keys.admin);

beforeAll(() => ({ db, pageId, keys } = openApiTestDatabase()));
afterAll(closeApiTestDatabase);
beforeEach(() => resetRateLimitsForTests());

const L = { path: "/api/v1/integrations", docPath: "/api/v1/integrations" };
const one = (id: string) => ({
  path: `/api/v1/integrations/${id}`,
  docPath: "/api/v1/integrations/{id}",
  params: { id },
});
const rotate = (id: string) => ({
  path: `/api/v1/integrations/${id}/secret`,
  docPath: "/api/v1/integrations/{id}/secret",
  params: { id },
  method: "POST",
});
const sendGeneric = (url: string, id: string, secret: string, body: unknown) =>
  intake(
    new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ id, secret }) },
  );

describe("/api/v1/integrations", () => {
  it("creates, lists, reads with payloads, updates, rotates and deletes", async () => {
    const mail = insertComponent(db, { pageId, name: "Mail", at: Date.now(), actor: { source: "seed" } });
    const created = await call(listRoute.POST, {
      ...L,
      body: {
        name: "Prod Alertmanager",
        kind: "alertmanager",
        matchers: [{ label: "team", value: "mail", componentId: mail }],
      },
    });
    expect(created.status).toBe(201);
    const { integration, secret, intakeUrl } = created.json;
    expect(intakeUrl).toBe(`https://status.example.org/api/integrations/${integration.id}/${secret}`);
    expect(integration).toMatchObject({
      kind: "alertmanager",
      severityMap: { critical: "major_outage", warning: "degraded_performance" },
      defaultStatus: "partial_outage",
      incidentMode: "status_only",
      firingAlerts: 0,
    });
    expect(JSON.stringify(db.select().from(integrations).all())).not.toContain(secret);

    const listed = await call(listRoute.GET, { ...L, key: keys.read });
    expect(listed.json.integrations.map((i: { name: string }) => i.name)).toEqual(["Prod Alertmanager"]);

    const payload = {
      version: "4",
      groupKey: "g",
      status: "firing",
      receiver: "r",
      alerts: [{ status: "firing", labels: { alertname: "Q", team: "mail" }, fingerprint: "f1" }],
    };
    expect((await sendGeneric(intakeUrl, integration.id, secret, payload)).status).toBe(200);
    const read = await call(oneRoute.GET, { ...one(integration.id), key: keys.read });
    expect(read.json.integration.firingAlerts).toBe(1);
    expect(read.json.payloads[0]).toMatchObject({ outcome: "applied", summary: "1 alert(s): 1 claim(s) opened" });

    const updated = await call(oneRoute.PATCH, {
      ...one(integration.id),
      method: "PATCH",
      body: { severityMap: { Critical: "major_outage" }, defaultStatus: "degraded_performance" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.integration).toMatchObject({
      severityMap: { critical: "major_outage" },
      defaultStatus: "degraded_performance",
    });

    const rotated = await call(secretRoute.POST, rotate(integration.id));
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(secret);
    expect((await sendGeneric(intakeUrl, integration.id, secret, payload)).status).toBe(401);
    expect((await sendGeneric(rotated.json.intakeUrl, integration.id, rotated.json.secret, payload)).status).toBe(200);

    expect((await call(oneRoute.DELETE, { ...one(integration.id), method: "DELETE" })).status).toBe(204);
    expect((await call(oneRoute.GET, one(integration.id))).status).toBe(404);
  });

  it("refuses bad bodies per field, a read key's writes, and unknown ids", async () => {
    const cases: [unknown, string][] = [
      [{ name: "", kind: "alertmanager" }, "name"],
      [{ name: "X", kind: "nagios" }, "kind"],
      [
        { name: "X", kind: "generic", matchers: [{ label: "bad label", value: "v", componentId: "aaaaaaaaaaaa" }] },
        "matchers",
      ],
      [{ name: "X", kind: "generic", severityMap: { critical: "operational" } }, "severityMap"],
      [{ name: "X", kind: "generic", incidentMode: "published" }, "templateId"],
      [{ name: "X\u0007", kind: "generic" }, "name"],
    ];
    for (const [body, field] of cases) {
      const res = await call(listRoute.POST, { ...L, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.json.error.fields ?? {}), JSON.stringify(res.json)).toContain(field);
    }
    const unknownService = await call(listRoute.POST, {
      ...L,
      body: { name: "X", kind: "generic", matchers: [{ label: "team", value: "v", componentId: "aaaaaaaaaaaa" }] },
    });
    expect(unknownService.status).toBe(422);
    expect(unknownService.json.error.fields).toEqual({ matchers: "Rule 1: unknown or deleted service" });
    expect((await call(listRoute.POST, { ...L, key: keys.read, body: { name: "X", kind: "generic" } })).status).toBe(
      403,
    );
    expect((await call(listRoute.POST, { ...L, key: keys.editor, body: { name: "X", kind: "generic" } })).status).toBe(
      403,
    );
    expect((await call(listRoute.GET, { ...L, key: null })).status).toBe(401);
    expect((await call(oneRoute.PATCH, { ...one("zzzzzzzzzzzz"), method: "PATCH", body: { name: "Y" } })).status).toBe(
      404,
    );
    expect((await call(listRoute.POST, { ...L, body: { name: "Dup", kind: "generic" } })).status).toBe(201);
    const dup = await call(listRoute.POST, { ...L, body: { name: "dup", kind: "generic" } });
    expect(dup.json.error.fields).toEqual({ name: "Another integration has this name" });
  });
});

describe("the OpenAPI document", () => {
  it("describes every integration response received above", () => {
    expect(responses.length).toBeGreaterThan(15);
    expectResponsesMatchOpenApi(responses);
  });
});

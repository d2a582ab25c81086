// An incident's times through the management API, with real keys and a real SQLite file: the resolution time
// after a reopen, and a backfilled incident declared as resolved with the end time it was given.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { HOUR } from "@/core/time";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import * as incidentRoute from "@/app/api/v1/incidents/[id]/route";
import * as updatesRoute from "@/app/api/v1/incidents/[id]/updates/route";
import * as resolveRoute from "@/app/api/v1/incidents/[id]/resolve/route";
import { resetRateLimitsForTests } from "./rate-limit";
import { apiClient, closeApiTestDatabase, expectResponsesMatchOpenApi, openApiTestDatabase } from "./test-client";

let keys: Record<"read" | "editor" | "admin" | "revoked", string>;
const { call, responses } = apiClient(() => keys.editor);
const incidentsPath = { path: "/api/v1/incidents", docPath: "/api/v1/incidents" };
const at = (id: string, tail = "") => ({
  path: `/api/v1/incidents/${id}${tail}`,
  docPath: `/api/v1/incidents/{id}${tail}`,
  params: { id },
});

beforeAll(() => {
  ({ keys } = openApiTestDatabase());
});
afterAll(closeApiTestDatabase);
beforeEach(() => resetRateLimitsForTests());

describe("resolved_at", () => {
  it("is the last resolution after investigating -> resolved -> investigating -> resolved", async () => {
    const created = await call(incidentsRoute.POST, {
      ...incidentsPath,
      body: { name: "Printing fails", message: "Looking", notify: false },
    });
    const id = created.json.incident.id;
    const first = await call(resolveRoute.POST, { ...at(id, "/resolve"), body: { notify: false } });
    expect(first.status).toBe(200);
    const firstResolvedAt = first.json.incident.resolved_at;
    await new Promise((r) => setTimeout(r, 5));
    const reopened = await call(updatesRoute.POST, {
      ...at(id, "/updates"),
      body: { status: "investigating", message: "Back again", reopen: true, notify: false },
    });
    expect(reopened.json.incident).toMatchObject({ status: "investigating", resolved_at: null });
    await new Promise((r) => setTimeout(r, 5));
    await call(resolveRoute.POST, { ...at(id, "/resolve"), body: { notify: false } });
    const got = await call(incidentRoute.GET, { ...at(id), key: keys.read });
    const lastResolution = got.json.incident.incident_updates.find((u: { status: string }) => u.status === "resolved");
    expect(got.json.incident.status).toBe("resolved");
    expect(got.json.incident.resolved_at).toBe(lastResolution.display_at);
    expect(Date.parse(got.json.incident.resolved_at)).toBeGreaterThan(Date.parse(firstResolvedAt));
  });
});

describe("a backfilled incident declared as resolved", () => {
  it("needs resolvedAt, and then answers with that resolved_at and started_at", async () => {
    const start = new Date(Date.now() - 6 * HOUR).toISOString().replace(/\.\d+Z$/, ".000Z");
    const end = new Date(Date.now() - 4 * HOUR).toISOString().replace(/\.\d+Z$/, ".000Z");
    const body = {
      name: "Found in the logs",
      message: "Disk filled up overnight",
      status: "resolved",
      startedAt: start,
      notify: false,
    };
    const missing = await call(incidentsRoute.POST, { ...incidentsPath, body });
    expect(missing).toMatchObject({
      status: 422,
      json: { error: { fields: { resolvedAt: expect.stringMatching(/when it ended/i) } } },
    });
    const future = await call(incidentsRoute.POST, {
      ...incidentsPath,
      body: { ...body, resolvedAt: new Date(Date.now() + HOUR).toISOString() },
    });
    expect(future).toMatchObject({
      status: 422,
      json: { error: { fields: { resolvedAt: expect.stringMatching(/future/i) } } },
    });
    const created = await call(incidentsRoute.POST, { ...incidentsPath, body: { ...body, resolvedAt: end } });
    expect(created.status).toBe(201);
    expect(created.json.incident).toMatchObject({ status: "resolved", started_at: start, resolved_at: end });
  });
});

describe("the OpenAPI document", () => {
  it("describes every response these tests received", () => {
    expectResponsesMatchOpenApi(responses);
  });
});

// The APIs on a database that answers reads but cannot save (a real SQLite file with writes refused, as on a
// read-only mount or a full disk): reads still work although every key use records its last-used time,
// writes answer 503 in the documented JSON shape with nothing half-written, and an unexpected failure is a
// JSON 500, never an empty body.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { apiKeys, incidents } from "@/db/schema";
import * as componentsRoute from "@/app/api/v1/components/route";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import * as summaryRoute from "@/app/api/v2/summary.json/route";
import { resetRateLimitsForTests } from "./rate-limit";
import { apiClient, closeApiTestDatabase, expectResponsesMatchOpenApi, openApiTestDatabase } from "./test-client";

let keys: Record<"read" | "editor" | "admin" | "revoked", string>;
const { call, responses } = apiClient(() => keys.editor);

beforeAll(() => {
  ({ keys } = openApiTestDatabase());
  getDb().$client.pragma("query_only = 1");
});
afterAll(closeApiTestDatabase);
beforeEach(() => resetRateLimitsForTests());

describe("a database that cannot save", () => {
  it("still answers reads, although the key's last use cannot be recorded", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(
      getDb()
        .select()
        .from(apiKeys)
        .all()
        .every((k) => k.lastUsedAt === null),
    ).toBe(true);
    const r = await call(componentsRoute.GET, {
      path: "/api/v1/components",
      docPath: "/api/v1/components",
      key: keys.read,
    });
    expect(r.status).toBe(200);
    expect(Array.isArray(r.json.components)).toBe(true);
    expect(
      getDb()
        .select()
        .from(apiKeys)
        .all()
        .every((k) => k.lastUsedAt === null),
    ).toBe(true);
    warn.mockRestore();
  });

  it("answers a write with 503, the documented JSON error and Retry-After, and writes nothing", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const r = await call(incidentsRoute.POST, {
      path: "/api/v1/incidents",
      docPath: "/api/v1/incidents",
      body: { name: "VPN down", message: "Looking" },
    });
    expect(r.status).toBe(503);
    expect(r.json).toEqual({
      error: { code: "unavailable", message: expect.stringMatching(/cannot save.*try again/i) },
    });
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(getDb().select().from(incidents).all()).toHaveLength(0);
    error.mockRestore();
  });

  it("keeps the public v2 API answering", async () => {
    const r = await summaryRoute.GET(new Request("https://status.example.org/api/v2/summary.json"));
    expect(r.status).toBe(200);
    expect((await r.json()).page.name).toBe("Example IT Services");
  });
});

describe("an unexpected failure", () => {
  it("is a JSON 500 in each API's documented shape, not an empty body", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    getDb().$client.close();
    const v1 = await call(componentsRoute.GET, {
      path: "/api/v1/components",
      docPath: "/api/v1/components",
      key: keys.read,
    });
    expect(v1.status).toBe(500);
    expect(v1.json).toEqual({ error: { code: "internal_error", message: expect.any(String) } });
    const v2 = await summaryRoute.GET(new Request("https://status.example.org/api/v2/summary.json"));
    expect(v2.status).toBe(500);
    expect(v2.headers.get("content-type")).toContain("application/json");
    expect(await v2.json()).toEqual({ error: expect.any(String) });
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe("the OpenAPI document", () => {
  it("describes every response these tests received, 500 and 503 included", () => {
    expectResponsesMatchOpenApi(responses);
  });
});

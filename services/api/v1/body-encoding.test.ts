// Item 13: the management API refuses a body that is not UTF-8 (400) or says it is in another charset (415),
// rather than storing U+FFFD or misreading Latin-1 as UTF-8. Nothing is written either way.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { incidents } from "@/db/schema";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import { resetRateLimitsForTests } from "./rate-limit";
import { apiClient, closeApiTestDatabase, expectResponsesMatchOpenApi, openApiTestDatabase } from "./test-client";

let keys: Record<"read" | "editor" | "admin" | "revoked", string>;
const { call, responses } = apiClient(() => keys.editor);
const p = { path: "/api/v1/incidents", docPath: "/api/v1/incidents" };

beforeAll(() => ({ keys } = openApiTestDatabase()));
afterAll(closeApiTestDatabase);
beforeEach(() => resetRateLimitsForTests());

describe("body encoding", () => {
  it("refuses invalid UTF-8 with 400 invalid_utf8", async () => {
    // "Caf\xe9 down" as Latin-1 bytes: not valid UTF-8.
    const latin1 = Buffer.from('{"name":"Caf\u00e9 down","message":"x"}', "latin1");
    const r = await call(incidentsRoute.POST, { ...p, raw: new Uint8Array(latin1) });
    expect(r).toMatchObject({ status: 400, json: { error: { code: "invalid_utf8" } } });
    expect(getDb().select().from(incidents).all()).toHaveLength(0);
  });

  it("refuses a charset other than UTF-8 with 415, even when the bytes happen to decode", async () => {
    for (const contentType of [
      "application/json; charset=latin1",
      "application/json; charset=iso-8859-1",
      "application/json; charset=utf-16",
    ]) {
      const r = await call(incidentsRoute.POST, { ...p, contentType, body: { name: "Cafe down", message: "x" } });
      expect(r, contentType).toMatchObject({ status: 415, json: { error: { code: "unsupported_media_type" } } });
    }
    expect(getDb().select().from(incidents).all()).toHaveLength(0);
  });

  it("accepts UTF-8 with or without the charset parameter", async () => {
    for (const contentType of [
      "application/json",
      "application/json; charset=utf-8",
      "application/json; charset=UTF-8",
    ]) {
      const r = await call(incidentsRoute.POST, {
        ...p,
        contentType,
        body: { name: "Caf\u00e9 down", message: "x", notify: false },
      });
      expect(r.status, contentType).toBe(201);
      expect(r.json.incident.name).toBe("Caf\u00e9 down");
    }
  });

  it("documents every response it gave", () => expectResponsesMatchOpenApi(responses));
});

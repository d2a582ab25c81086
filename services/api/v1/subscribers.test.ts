// The subscriber endpoints of the management API through their real route handlers, with real keys: each
// role, bad bodies and queries, and every response checked against the OpenAPI document.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog, notifications, subscribers } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import * as listRoute from "@/app/api/v1/subscribers/route";
import * as oneRoute from "@/app/api/v1/subscribers/[id]/route";
import { openApiDocument } from "./openapi";
import {
  closeApiTestDatabase,
  expectResponsesMatchOpenApi,
  openApiTestDatabase,
  type RecordedResponse,
} from "./test-client";
import { resetRateLimitsForTests } from "./rate-limit";

let keys: Record<"read" | "editor" | "admin" | "revoked", string>;
let vpn: string;
const responses: RecordedResponse[] = [];

beforeAll(() => {
  const opened = openApiTestDatabase();
  keys = opened.keys;
  vpn = insertComponent(opened.db, { pageId: opened.pageId, name: "VPN", at: Date.now(), actor: { source: "manual" } });
});
afterAll(() => closeApiTestDatabase());
beforeEach(() => resetRateLimitsForTests());

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: Handler,
  options: {
    method: string;
    path: string;
    docPath: string;
    key?: string | null;
    body?: unknown;
    raw?: string;
    params?: Record<string, string>;
  },
) {
  const headers: Record<string, string> = {};
  if (options.key !== null) headers.authorization = `Bearer ${options.key ?? keys.admin}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(
    new Request(`https://status.example.org${options.path}`, { method: options.method, headers, body }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const json = await response.json();
  responses.push({ path: options.docPath, method: options.method.toLowerCase(), status: response.status, body: json });
  return { status: response.status, json };
}
const list = (query = "", key?: string | null) =>
  call(listRoute.GET, { method: "GET", path: `/api/v1/subscribers${query}`, docPath: "/api/v1/subscribers", key });
const add = (body: unknown, key?: string | null) =>
  call(listRoute.POST, { method: "POST", path: "/api/v1/subscribers", docPath: "/api/v1/subscribers", body, key });
const remove = (id: string, key?: string | null) =>
  call(oneRoute.DELETE, {
    method: "DELETE",
    path: `/api/v1/subscribers/${id}`,
    docPath: "/api/v1/subscribers/{id}",
    params: { id },
    key,
  });
const rows = () => getDb().select().from(subscribers).all();

describe("subscriber endpoints", () => {
  it("need an admin key: nobody gets 401, read and editor keys 403, and nothing changes", async () => {
    expect((await list("", null)).status).toBe(401);
    expect((await add({ email: "x@example.org" }, null)).status).toBe(401);
    for (const key of [keys.read, keys.editor]) {
      expect(await list("", key)).toMatchObject({ status: 403, json: { error: { code: "forbidden" } } });
      expect((await add({ email: "x@example.org" }, key)).status).toBe(403);
      expect((await remove("zzzzzzzzzzzz", key)).status).toBe(403);
    }
    expect(rows()).toHaveLength(0);
  });

  it("add (confirmation or skipConfirmation), list with filters and pages, remove, all audited with the key", async () => {
    const pending = await add({ email: "Ann@Example.org" });
    expect(pending).toMatchObject({
      status: 201,
      json: {
        subscriber: { email: "ann@example.org", state: "pending", origin: "api", components: null, confirmed_at: null },
      },
    });
    expect(
      getDb().select().from(notifications).where(eq(notifications.subscriberId, pending.json.subscriber.id)).get()
        ?.kind,
    ).toBe("subscription_confirm");
    const active = await add({ email: "bob@example.org", components: [vpn], skipConfirmation: true });
    expect(active).toMatchObject({ status: 201, json: { subscriber: { state: "active", components: [vpn] } } });
    expect(active.json.subscriber.confirmed_at).toMatch(/Z$/);

    expect((await list()).json).toMatchObject({ total: 2, page: 1, per_page: 50 });
    expect((await list("?state=active")).json.subscribers.map((s: { email: string }) => s.email)).toEqual([
      "bob@example.org",
    ]);
    expect((await list("?q=ANN")).json.total).toBe(1);
    const paged = await list("?limit=1&page=2");
    expect(paged.json).toMatchObject({ total: 2, page: 2, per_page: 1, subscribers: [{ email: "ann@example.org" }] });

    const removed = await remove(pending.json.subscriber.id);
    expect(removed).toMatchObject({ status: 200, json: { subscriber: { email: "ann@example.org" } } });
    expect((await remove(pending.json.subscriber.id)).status).toBe(404);
    expect(rows().map((r) => r.email)).toEqual(["bob@example.org"]);
    const labels = getDb()
      .select()
      .from(auditLog)
      .all()
      .filter((a) => a.action.startsWith("subscriber."))
      .map((a) => [a.action, a.actorLabel]);
    expect(labels).toEqual([
      ["subscriber.add", 'API key "ops"'],
      ["subscriber.add", 'API key "ops"'],
      ["subscriber.remove", 'API key "ops"'],
    ]);
  });

  it("answers bad bodies and queries with the right status, writing nothing", async () => {
    const before = rows().length;
    expect(
      await call(listRoute.POST, {
        method: "POST",
        path: "/api/v1/subscribers",
        docPath: "/api/v1/subscribers",
        raw: "{nope",
      }),
    ).toMatchObject({ status: 400 });
    expect(await add({})).toMatchObject({ status: 422, json: { error: { fields: { email: expect.any(String) } } } });
    expect(await add({ email: "not an address" })).toMatchObject({
      status: 422,
      json: { error: { code: "invalid", fields: { email: expect.stringContaining("valid email") } } },
    });
    expect(await add({ email: `${"a".repeat(250)}@example.org` })).toMatchObject({
      status: 422,
      json: { error: { fields: { email: expect.stringContaining("254") } } },
    });
    expect(await add({ email: "c@example.org", components: ["zzzzzzzzzzzz"] })).toMatchObject({
      status: 422,
      json: { error: { fields: { components: expect.stringContaining("zzzzzzzzzzzz") } } },
    });
    expect(await add({ email: "c@example.org", components: ["../x"] })).toMatchObject({
      status: 422,
      json: { error: { code: "validation_failed" } },
    });
    expect(await add({ email: "c@example.org", skipConfirmation: "yes" })).toMatchObject({ status: 422 });
    expect(await add({ email: "c@example.org", role: "admin" })).toMatchObject({ status: 422 });
    await add({ email: "dup@example.org", skipConfirmation: true });
    expect(await add({ email: "DUP@example.org" })).toMatchObject({
      status: 409,
      json: { error: { code: "conflict", fields: { email: expect.stringContaining("already on the list") } } },
    });
    expect(rows().length).toBe(before + 1);
    expect(await list("?state=sleeping")).toMatchObject({
      status: 422,
      json: { error: { fields: { state: expect.any(String) } } },
    });
    expect(await list("?limit=101")).toMatchObject({
      status: 422,
      json: { error: { fields: { limit: expect.any(String) } } },
    });
    expect(await list("?page=0")).toMatchObject({ status: 422 });
    expect((await remove("not-an-id")).status).toBe(404);
  });

  it("never returns a token or its hash", async () => {
    const { json } = await add({ email: "token@example.org" });
    expect(Object.keys(json.subscriber).sort()).toEqual([
      "components",
      "confirmed_at",
      "created_at",
      "email",
      "id",
      "language",
      "origin",
      "state",
    ]);
    expect(JSON.stringify((await list()).json)).not.toMatch(/token_hash|tokenHash|secret/i);
  });
});

describe("the subscriber's language", () => {
  it("is shown and accepted; an unknown language is a 422 naming the field, and nothing is written", async () => {
    const made = await add({ email: "api-de@example.com", skipConfirmation: true, language: "de" });
    expect(made.status).toBe(201);
    expect(made.json.subscriber.language).toBe("de");
    const pending = await add({ email: "api-ar@example.com", language: "ar" });
    expect(pending.json.subscriber).toMatchObject({ state: "pending", language: "ar" });
    // The confirmation email goes out in that language (its notification is queued for that subscriber).
    const queued = getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.subscriberId, pending.json.subscriber.id))
      .all();
    expect(queued.map((n) => n.kind)).toEqual(["subscription_confirm"]);
    const plain = await add({ email: "api-en@example.com", skipConfirmation: true });
    expect(plain.json.subscriber.language).toBe("en");
    const before = getDb().select().from(subscribers).all().length;
    const bad = await add({ email: "api-xx@example.com", language: "klingon" });
    expect(bad).toMatchObject({
      status: 422,
      json: { error: { fields: { language: expect.stringMatching(/en, de/) } } },
    });
    expect(getDb().select().from(subscribers).all().length).toBe(before);
    const listed = await list("?q=api-de");
    expect(listed.json.subscribers[0].language).toBe("de");
  });
});

describe("the OpenAPI document", () => {
  it("describes every subscriber response above, and the list's query parameters", () => {
    expect(responses.length).toBeGreaterThan(20);
    expectResponsesMatchOpenApi(responses);
    const doc = openApiDocument("https://status.example.org");
    const listOp = (doc.paths["/api/v1/subscribers"] as Record<string, { parameters: { name: string; in: string }[] }>)
      .get;
    expect(listOp.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      "query:state",
      "query:q",
      "query:page",
      "query:limit",
    ]);
  }, 30_000); // compiling the schemas is slow on a busy machine
});

// Services and groups through the management API's real route handlers, with real keys and a real SQLite file:
// each endpoint, each key role, a revoked key, bad bodies, unknown ids, orders naming ids from nowhere, the
// audit log, and every response checked against the OpenAPI document.
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { apiKeys, auditLog, componentGroups, components, componentStatusChanges } from "@/db/schema";
import { insertComponent, insertGroup } from "@/db/writes/components";
import { createApiKey, revokeApiKey } from "@/services/api-keys";
import { SYSTEM } from "@/core/actor";
import * as componentsRoute from "@/app/api/v1/components/route";
import * as componentRoute from "@/app/api/v1/components/[id]/route";
import * as reorderRoute from "@/app/api/v1/components/reorder/route";
import * as groupsRoute from "@/app/api/v1/groups/route";
import * as groupRoute from "@/app/api/v1/groups/[id]/route";
import { MAX_BODY_BYTES } from "./handler";
import { openApiDocument } from "./openapi";
import { resetRateLimitsForTests } from "./rate-limit";
import { apiClient, closeApiTestDatabase, expectResponsesMatchOpenApi, openApiTestDatabase } from "./test-client";

let db: Db;
let pageId: string;
let keys: ReturnType<typeof openApiTestDatabase>["keys"];
const { call, responses } = apiClient(() => keys.admin);

beforeAll(() => ({ db, pageId, keys } = openApiTestDatabase()));
afterAll(closeApiTestDatabase);
beforeEach(() => resetRateLimitsForTests());

const C = { path: "/api/v1/components", docPath: "/api/v1/components" };
const oneC = (id: string) => ({ path: `/api/v1/components/${id}`, docPath: "/api/v1/components/{id}", params: { id } });
const G = { path: "/api/v1/groups", docPath: "/api/v1/groups" };
const oneG = (id: string) => ({ path: `/api/v1/groups/${id}`, docPath: "/api/v1/groups/{id}", params: { id } });
const R = { path: "/api/v1/components/reorder", docPath: "/api/v1/components/reorder" };

const row = (id: string) => db.select().from(components).where(eq(components.id, id)).get()!;
const liveCount = () =>
  db
    .select()
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
    .all().length;
const auditFor = (id: string) => db.select().from(auditLog).where(eq(auditLog.targetId, id)).all();
const seed = (name: string, groupId: string | null = null) =>
  insertComponent(db, { pageId, name, groupId, at: Date.now(), actor: { source: "seed" } });

describe("components", () => {
  it("creates, reads, changes (fields and status) and deletes a service with an admin key, audited with the key's name", async () => {
    const groupId = insertGroup(db, { pageId, name: "Network", at: Date.now() });
    const created = await call(componentsRoute.POST, {
      ...C,
      body: { name: "  VPN  ", description: "Remote access", groupId, status: "degraded_performance" },
    });
    expect(created.status).toBe(201);
    const id = created.json.component.id;
    expect(created.json.component).toMatchObject({
      name: "VPN",
      description: "Remote access",
      group_id: groupId,
      status: "degraded_performance",
      showcase: true,
      group: false,
      page_id: pageId,
    });

    const read = await call(componentRoute.GET, { ...oneC(id), key: keys.read });
    expect(read).toMatchObject({ status: 200, json: { component: { id, name: "VPN" } } });
    const list = await call(componentsRoute.GET, { ...C, key: keys.read });
    expect(list.json.components.find((c: { id: string }) => c.id === groupId).components).toEqual([id]);

    const patched = await call(componentRoute.PATCH, {
      ...oneC(id),
      method: "PATCH",
      body: { name: "Remote access VPN", groupId: null, startDate: "2024-02-29", status: "major_outage" },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.component).toMatchObject({
      name: "Remote access VPN",
      description: "Remote access",
      group_id: null,
      start_date: "2024-02-29",
      status: "major_outage",
    });
    const statusOnly = await call(componentRoute.PATCH, {
      ...oneC(id),
      method: "PATCH",
      body: { status: "operational" },
    });
    expect(statusOnly.json.component).toMatchObject({ name: "Remote access VPN", status: "operational" });

    const history = db.select().from(componentStatusChanges).where(eq(componentStatusChanges.componentId, id)).all();
    const opsKey = db.select().from(apiKeys).where(eq(apiKeys.name, "ops")).get()!;
    expect(history.map((h) => [h.status, h.source, h.apiKeyId, h.userId])).toEqual([
      ["degraded_performance", "api", opsKey.id, null],
      ["major_outage", "api", opsKey.id, null],
      ["operational", "api", opsKey.id, null],
    ]);

    const deleted = await call(componentRoute.DELETE, { ...oneC(id), method: "DELETE" });
    expect(deleted).toMatchObject({ status: 204, json: null });
    expect(row(id).deletedAt).not.toBeNull();
    expect((await call(componentRoute.GET, oneC(id))).status).toBe(404);
    expect((await call(componentRoute.DELETE, { ...oneC(id), method: "DELETE" })).status).toBe(404);

    const entries = auditFor(id);
    expect(entries.map((a) => a.action)).toEqual([
      "component.create",
      "component.update",
      "component.set_status",
      "component.set_status",
      "component.delete",
    ]);
    expect(new Set(entries.map((a) => `${a.actorType} ${a.actorLabel} ${a.actorId}`))).toEqual(
      new Set([`api_key API key "ops" ${opsKey.id}`]),
    );
  });

  it("lets read keys only read and keeps editor keys (incidents, maintenance, updates) out of services", async () => {
    const id = seed("Mail");
    const before = liveCount();
    for (const key of [keys.read, keys.editor]) {
      const attempts = [
        await call(componentsRoute.POST, { ...C, key, body: { name: "Sneaky" } }),
        await call(componentRoute.PATCH, { ...oneC(id), key, method: "PATCH", body: { status: "major_outage" } }),
        await call(componentRoute.DELETE, { ...oneC(id), key, method: "DELETE" }),
        await call(reorderRoute.POST, { ...R, key, body: { order: [id] } }),
        await call(groupsRoute.POST, { ...G, key, body: { name: "Sneaky" } }),
      ];
      for (const r of attempts)
        expect(r).toMatchObject({
          status: 403,
          json: { error: { code: "forbidden", message: expect.stringContaining("admin") } },
        });
    }
    expect((await call(componentRoute.GET, { ...oneC(id), key: keys.editor })).status).toBe(200);
    expect(liveCount()).toBe(before);
    expect(row(id)).toMatchObject({ name: "Mail", status: "operational", deletedAt: null });
    expect(auditFor(id)).toEqual([]);
  });

  it("refuses a revoked key with 401, from the request right after it was revoked", async () => {
    const id = seed("Wiki");
    const fresh = createApiKey(db, SYSTEM, { name: "soon revoked", role: "admin" });
    expect((await call(componentRoute.GET, { ...oneC(id), key: fresh.key })).status).toBe(200);
    revokeApiKey(db, SYSTEM, fresh.id);
    for (const key of [fresh.key, keys.revoked]) {
      expect(await call(componentRoute.GET, { ...oneC(id), key })).toMatchObject({
        status: 401,
        json: { error: { code: "unauthorized" } },
      });
      expect(
        (await call(componentRoute.PATCH, { ...oneC(id), key, method: "PATCH", body: { status: "major_outage" } }))
          .status,
      ).toBe(401);
      expect((await call(groupsRoute.GET, { ...G, key })).status).toBe(401);
    }
    expect(row(id).status).toBe("operational");
  });

  it("answers malformed, oversized and invalid bodies with 400, 413, 415 and 422, writing nothing", async () => {
    const id = seed("Printing");
    const before = liveCount();
    expect(await call(componentsRoute.POST, { ...C, raw: '{"name": "x"' })).toMatchObject({
      status: 400,
      json: { error: { code: "invalid_json" } },
    });
    expect(await call(componentsRoute.POST, { ...C, raw: "name=x", contentType: "text/plain" })).toMatchObject({
      status: 415,
    });
    expect(
      await call(componentsRoute.POST, { ...C, body: { name: "x", description: "d".repeat(MAX_BODY_BYTES) } }),
    ).toMatchObject({ status: 413 });

    const invalid = await call(componentsRoute.POST, {
      ...C,
      body: { name: "n".repeat(101), status: "on_fire", showcase: "yes", startDate: "2026-02-30", groupId: "../etc" },
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json.error.fields).sort()).toEqual([
      "groupId",
      "name",
      "showcase",
      "startDate",
      "status",
    ]);
    expect((await call(componentsRoute.POST, { ...C, body: { name: "   " } })).json.error.fields).toEqual({
      name: "Give a name",
    });
    expect(await call(componentsRoute.POST, { ...C, body: {} })).toMatchObject({
      status: 422,
      json: { error: { fields: { name: expect.any(String) } } },
    });
    expect(await call(componentsRoute.POST, { ...C, body: { name: "x", group_id: null } })).toMatchObject({
      status: 422,
      json: { error: { message: expect.stringContaining("group_id") } },
    });
    expect(await call(componentsRoute.POST, { ...C, body: ["VPN"] })).toMatchObject({ status: 422 });
    const noGroup = await call(componentsRoute.POST, { ...C, body: { name: "x", groupId: "zzzzzzzzzzzz" } });
    expect(noGroup).toMatchObject({
      status: 422,
      json: { error: { code: "invalid", fields: { groupId: "This group does not exist" } } },
    });

    expect(await call(componentRoute.PATCH, { ...oneC(id), method: "PATCH", body: {} })).toMatchObject({
      status: 422,
      json: { error: { message: "Send at least one field to change" } },
    });
    expect((await call(componentRoute.PATCH, { ...oneC(id), method: "PATCH", body: { name: null } })).status).toBe(422);
    expect(
      (
        await call(componentRoute.PATCH, {
          ...oneC(id),
          method: "PATCH",
          body: { groupId: "zzzzzzzzzzzz", status: "major_outage" },
        })
      ).status,
    ).toBe(422);
    expect(liveCount()).toBe(before);
    expect(row(id)).toMatchObject({ name: "Printing", groupId: null, status: "operational" });
  });

  it("turns a service's public response-time chart on and off; other fields stay", async () => {
    const id = insertComponent(db, { pageId, name: "Portal", description: "Web", at: 1, actor: { source: "seed" } });
    const patch = (body: object) => call(componentRoute.PATCH, { ...oneC(id), method: "PATCH", body });
    expect((await patch({ showResponseTime: true })).status).toBe(200);
    expect(row(id)).toMatchObject({ showResponseTime: true, description: "Web", showcase: true });
    expect((await patch({ name: "Portal 2" })).status).toBe(200);
    expect(row(id)).toMatchObject({ showResponseTime: true, name: "Portal 2" });
    expect((await patch({ showResponseTime: "yes" })).status).toBe(422);
    expect((await patch({ showResponseTime: false })).status).toBe(200);
    expect(row(id).showResponseTime).toBe(false);
  });

  it("sets a service's availability target; refuses one above 100 or at or below 0", async () => {
    const created = await call(componentsRoute.POST, {
      ...C,
      method: "POST",
      body: { name: "Payroll", availabilityTarget: 99.5 },
    });
    expect(created.status).toBe(201);
    const id = (created.json as { component: { id: string } }).component.id;
    expect(row(id).availabilityTarget).toBe(99.5);
    // Returned as it was sent, by the write, the single GET and the list (snake_case, like the other fields).
    expect(created.json.component).toMatchObject({ availability_target: 99.5, show_response_time: false });
    expect((await call(componentRoute.GET, oneC(id))).json.component.availability_target).toBe(99.5);
    const listed = (await call(componentsRoute.GET, C)).json.components as Record<string, unknown>[];
    expect(listed.find((c) => c.id === id)).toMatchObject({ availability_target: 99.5 });
    // A group has no target of its own.
    expect(listed.filter((c) => c.group === true).every((c) => !("availability_target" in c))).toBe(true);
    const patch = (body: object) => call(componentRoute.PATCH, { ...oneC(id), method: "PATCH", body });
    const changed = await patch({ availabilityTarget: 99.99 });
    expect(changed.status).toBe(200);
    expect(changed.json.component.availability_target).toBe(99.99);
    expect(row(id).availabilityTarget).toBe(99.99);
    expect((await patch({ name: "Payroll 2" })).status).toBe(200);
    expect(row(id).availabilityTarget).toBe(99.99);
    for (const bad of [100.5, 0, -1, "99.9"]) {
      const r = await patch({ availabilityTarget: bad });
      expect(r.status).toBe(422);
      expect(JSON.stringify(r.json)).toContain("availabilityTarget");
    }
    expect(row(id).availabilityTarget).toBe(99.99);
    const plain = insertComponent(db, { pageId, name: "Plain", at: 1, actor: { source: "seed" } });
    expect(row(plain).availabilityTarget).toBe(99.9);
  });

  it("answers 404 for unknown and malformed ids", async () => {
    for (const id of ["zzzzzzzzzzzz", "not-an-id", "../../etc"]) {
      expect(await call(componentRoute.GET, oneC(id))).toMatchObject({
        status: 404,
        json: { error: { code: "not_found" } },
      });
      expect(
        (await call(componentRoute.PATCH, { ...oneC(id), method: "PATCH", body: { status: "major_outage" } })).status,
      ).toBe(404);
      expect((await call(componentRoute.DELETE, { ...oneC(id), method: "DELETE" })).status).toBe(404);
      expect((await call(groupRoute.GET, oneG(id))).status).toBe(404);
      expect((await call(groupRoute.PATCH, { ...oneG(id), method: "PATCH", body: { name: "x" } })).status).toBe(404);
      expect((await call(groupRoute.DELETE, { ...oneG(id), method: "DELETE" })).status).toBe(404);
    }
    const group = insertGroup(db, { pageId, name: "Not a component", at: Date.now() });
    expect((await call(componentRoute.GET, oneC(group))).status).toBe(404);
  });
});

describe("order", () => {
  it("reorders a group's services, and refuses orders with ids from nowhere, missing or repeated, changing nothing", async () => {
    const groupId = insertGroup(db, { pageId, name: "Office", at: Date.now() });
    const [a, b, c] = ["Printers", "Wi-Fi", "Phones"].map((name) => seed(name, groupId));
    const outside = seed("Elsewhere");
    const positions = () => [a, b, c].map((id) => row(id).position);
    const before = positions();
    for (const order of [
      [a, b, "zzzzzzzzzzzz"],
      [a, b],
      [a, b, c, c],
      [a, b, c, outside],
      [c, b, a, "zzzzzzzzzzzz"],
    ]) {
      const r = await call(reorderRoute.POST, { ...R, body: { groupId, order } });
      expect(r, order.join()).toMatchObject({ status: 409, json: { error: { code: "conflict" } } });
    }
    expect(await call(reorderRoute.POST, { ...R, body: { groupId, order: ["nope"] } })).toMatchObject({
      status: 422,
      json: { error: { fields: { order: expect.any(String) } } },
    });
    expect(await call(reorderRoute.POST, { ...R, body: { groupId, order: [] } })).toMatchObject({ status: 422 });
    expect(await call(reorderRoute.POST, { ...R, body: { groupId: "zzzzzzzzzzzz", order: [a, b, c] } })).toMatchObject({
      status: 404,
    });
    expect(positions()).toEqual(before);

    const ok = await call(reorderRoute.POST, { ...R, body: { groupId, order: [c, a, b] } });
    expect(ok.status).toBe(200);
    const listed = ok.json.components
      .filter((x: { group_id: string | null }) => x.group_id === groupId)
      .map((x: { id: string }) => x.id);
    expect(listed).toEqual([c, a, b]);
    expect(auditFor(groupId).map((e) => [e.action, e.actorLabel])).toEqual([["services.reorder", 'API key "ops"']]);
  });
});

describe("groups", () => {
  it("creates, lists, reads, renames and deletes a group; its services stay, at the top level", async () => {
    const created = await call(groupsRoute.POST, { ...G, body: { name: "Campus network", description: "" } });
    expect(created).toMatchObject({
      status: 201,
      json: { group: { name: "Campus network", description: null, group: true, components: [] } },
    });
    const groupId = created.json.group.id;
    const inside = seed("Eduroam");
    expect(
      (await call(componentRoute.PATCH, { ...oneC(inside), method: "PATCH", body: { groupId } })).json.component
        .group_id,
    ).toBe(groupId);

    const list = await call(groupsRoute.GET, { ...G, key: keys.read });
    expect(list.json.groups.find((g: { id: string }) => g.id === groupId)).toMatchObject({ components: [inside] });
    expect(await call(groupRoute.GET, { ...oneG(groupId), key: keys.read })).toMatchObject({
      status: 200,
      json: { group: { id: groupId } },
    });

    const renamed = await call(groupRoute.PATCH, { ...oneG(groupId), method: "PATCH", body: { name: "Network" } });
    expect(renamed.json.group).toMatchObject({ name: "Network", description: null });
    expect(
      await call(groupRoute.PATCH, { ...oneG(groupId), method: "PATCH", body: { description: "Wired and wireless" } }),
    ).toMatchObject({ json: { group: { name: "Network", description: "Wired and wireless" } } });
    expect(await call(groupRoute.PATCH, { ...oneG(groupId), method: "PATCH", body: { name: "" } })).toMatchObject({
      status: 422,
      json: { error: { fields: { name: "Give a name" } } },
    });

    for (const key of [keys.read, keys.editor])
      expect((await call(groupRoute.DELETE, { ...oneG(groupId), key, method: "DELETE" })).status).toBe(403);
    expect((await call(groupRoute.DELETE, { ...oneG(groupId), method: "DELETE" })).status).toBe(204);
    expect(db.select().from(componentGroups).where(eq(componentGroups.id, groupId)).get()).toBeUndefined();
    expect(row(inside)).toMatchObject({ groupId: null, deletedAt: null });
    expect(auditFor(groupId).map((e) => [e.action, e.actorLabel])).toEqual([
      ["group.create", 'API key "ops"'],
      ["group.update", 'API key "ops"'],
      ["group.update", 'API key "ops"'],
      ["group.delete", 'API key "ops"'],
    ]);
  });
});

describe("the OpenAPI document", () => {
  it("describes every response the tests above received", () => {
    expect(new Set(responses.map((r) => r.status))).toEqual(
      new Set([200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 422]),
    );
    expectResponsesMatchOpenApi(responses);
  });
  it("documents a service's availability_target (and show_response_time) on every component answer", () => {
    const doc = openApiDocument("http://127.0.0.1:3450") as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    for (const [path, method, status] of [
      ["/api/v1/components", "get", "200"],
      ["/api/v1/components", "post", "201"],
      ["/api/v1/components/{id}", "get", "200"],
      ["/api/v1/components/{id}", "patch", "200"],
    ]) {
      const answer = JSON.stringify(doc.paths[path][method].responses[status].content);
      expect(answer, `${method} ${path}`).toContain('"availability_target":{"type":"number","description":');
      expect(answer, `${method} ${path}`).toContain('"show_response_time":{"type":"boolean"');
    }
  });
});

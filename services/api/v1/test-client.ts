// Test helpers for the management API: call a real route handler with a key, and record every response so a
// test can check each one against the OpenAPI document.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { closeDb, getDb } from "@/db";
import { pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { createApiKey, revokeApiKey } from "@/services/api-keys";
import { resetConfigForTests } from "@/core/config";
import { SYSTEM } from "@/core/actor";
import { openApiDocument } from "./openapi";

/**
 * A fresh SQLite file as the app's database (the route handlers use getDb()), with the page and one key of
 * each role plus a revoked one. `closeApiTestDatabase` in afterAll.
 */
export function openApiTestDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-api-"));
  process.env.DATABASE_PATH = path.join(dir, "status.db");
  process.env.PUBLIC_URL = "https://status.example.org";
  resetConfigForTests();
  closeDb();
  const db = getDb();
  ensurePage(db, { name: "Example IT Services", timeZone: "Etc/UTC", at: Date.now() });
  const pageId = db.select().from(pages).get()!.id;
  const revoked = createApiKey(db, SYSTEM, { name: "old", role: "admin" });
  revokeApiKey(db, SYSTEM, revoked.id);
  const keys = {
    read: createApiKey(db, SYSTEM, { name: "dashboard", role: "read" }).key,
    editor: createApiKey(db, SYSTEM, { name: "alertmanager", role: "editor" }).key,
    admin: createApiKey(db, SYSTEM, { name: "ops", role: "admin" }).key,
    revoked: revoked.key,
  };
  return { db, pageId, keys };
}

export function closeApiTestDatabase(): void {
  closeDb();
  delete process.env.DATABASE_PATH;
  delete process.env.PUBLIC_URL;
  resetConfigForTests();
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path: string;
  /** The path as the OpenAPI document names it, e.g. /api/v1/incidents/{id}. */
  docPath: string;
  /** null sends no Authorization header; undefined uses the client's default key. */
  key?: string | null;
  body?: unknown;
  raw?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  params?: Record<string, string>;
  scheme?: string;
}

export interface RecordedResponse {
  path: string;
  method: string;
  status: number;
  body: unknown;
}

export function apiClient(defaultKey: () => string) {
  const responses: RecordedResponse[] = [];
  async function call(handler: Handler, options: CallOptions) {
    const headers: Record<string, string> = {};
    if (options.key !== null) headers.authorization = `${options.scheme ?? "Bearer"} ${options.key ?? defaultKey()}`;
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
    const method = options.method ?? (body === undefined ? "GET" : "POST");
    const response = await handler(
      new Request(`https://status.example.org${options.path}`, { method, headers, body }),
      { params: Promise.resolve(options.params ?? {}) },
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read parsed JSON whose shape they check
    const json: any = response.status === 204 ? null : await response.json();
    responses.push({ path: options.docPath, method: method.toLowerCase(), status: response.status, body: json });
    return { status: response.status, json, headers: response.headers };
  }
  return { call, responses };
}

/** Every recorded response is documented for its path, method and status, and its body matches the schema. */
export function expectResponsesMatchOpenApi(responses: readonly RecordedResponse[]): void {
  const doc = openApiDocument("https://status.example.org");
  expect(doc.openapi).toBe("3.1.0");
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
  // Compiling is the slow part: once per documented response, not once per call.
  const compiled = new Map<object, ReturnType<typeof ajv.compile>>();
  for (const r of responses) {
    const operation = (
      doc.paths[r.path] as Record<
        string,
        { responses: Record<string, { content?: { "application/json": { schema: object } } }> }
      >
    )?.[r.method];
    expect(operation, `${r.method} ${r.path}`).toBeDefined();
    const documented = operation.responses[r.status];
    expect(documented, `${r.method} ${r.path} ${r.status}`).toBeDefined();
    if (r.status === 204) {
      expect(documented.content, `${r.method} ${r.path} 204 has no body`).toBeUndefined();
      expect(r.body).toBeNull();
      continue;
    }
    const documentedSchema = documented.content!["application/json"].schema;
    if (!compiled.has(documentedSchema)) {
      compiled.set(
        documentedSchema,
        ajv.compile(JSON.parse(JSON.stringify(documentedSchema).replaceAll('"#/components/', '"doc#/components/'))),
      );
    }
    const validate = compiled.get(documentedSchema)!;
    expect(validate(r.body), `${r.method} ${r.path} ${r.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
}

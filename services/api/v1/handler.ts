// The management API's request pipeline: API key, role, per-key rate limit, body limits, validation, and one
// error shape for everything: { "error": { "code", "message", "fields"? } }.
import { z } from "zod";
import { getDb, type Db } from "@/db";
import type { ApiKeyRole } from "@/db/constants";
import { isDatabaseUnavailable, unavailableReason } from "@/db/unavailable";
import { authenticateApiKey } from "@/services/api-keys";
import type { Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { BodyError, bodyErrorHeaders, readBodyJson } from "@/services/request-body";
import { takeToken } from "./rate-limit";

export const MAX_BODY_BYTES = 64 * 1024;
const RANK: Record<ApiKeyRole, number> = { read: 1, editor: 2, admin: 3 };

export interface Endpoint<S extends z.ZodType | undefined = z.ZodType | undefined> {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI path, e.g. /api/v1/incidents/{id}. */
  path: string;
  summary: string;
  role: ApiKeyRole;
  /** Query parameters, for the OpenAPI document; an endpoint with any answers 422 for bad values. */
  query?: { name: string; description: string; schema: Record<string, unknown> }[];
  body?: S;
  /** What a success returns, for the OpenAPI document; no schema for 204 No Content. */
  responds: { status: number; description: string; schema?: z.ZodType };
  /** Error statuses beyond those the path and body imply (e.g. 404 for an id given in the body). */
  alsoErrors?: number[];
  run: (ctx: {
    db: Db;
    actor: Actor & { type: "api_key" };
    params: Record<string, string>;
    body: S extends z.ZodType ? z.output<S> : undefined;
    url: URL;
  }) => unknown;
}

/** Any endpoint, whatever its body type: what the pipeline and the OpenAPI generator accept. */
export type AnyEndpoint = Omit<Endpoint, "run" | "body"> & { body?: z.ZodType; run: (ctx: never) => unknown };

export function apiError(
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}) } },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

const DOMAIN_STATUS = { invalid: 422, not_found: 404, conflict: 409, forbidden: 403 } as const;

/** Seconds a client should wait before retrying while the database cannot save. */
export const UNAVAILABLE_RETRY_AFTER = 60;

/** The one place an endpoint's failure becomes a response: always the documented JSON, never an empty 500. */
export function apiFailure(err: unknown): Response {
  if (err instanceof DomainError) return apiError(DOMAIN_STATUS[err.code], err.code, err.message, err.fields);
  if (isDatabaseUnavailable(err)) {
    console.error(`api: database cannot save: ${unavailableReason(err)}`);
    return apiError(
      503,
      "unavailable",
      "The status page cannot save changes right now (its database is read-only or full). Nothing was saved; try again in a minute.",
      undefined,
      {
        "Retry-After": String(UNAVAILABLE_RETRY_AFTER),
      },
    );
  }
  console.error("api: unexpected error", err);
  return apiError(500, "internal_error", "Something went wrong on the server; it has been logged");
}

async function readBody(request: Request): Promise<{ json: unknown } | Response> {
  try {
    return { json: await readBodyJson(request, MAX_BODY_BYTES) };
  } catch (err) {
    if (err instanceof BodyError) return apiError(err.status, err.code, err.message, undefined, bodyErrorHeaders(err));
    throw err;
  }
}

/** A route handler for one endpoint. State-changing endpoints authenticate by API key only (no cookies, so no CSRF). */
export function route(endpoint: AnyEndpoint) {
  const handle = unguardedRoute(endpoint);
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      return await handle(request, context);
    } catch (err) {
      return apiFailure(err);
    }
  };
}

function unguardedRoute(endpoint: AnyEndpoint) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const db = getDb();
    const actor = authenticateApiKey(db, request.headers.get("authorization"));
    if (!actor)
      return apiError(401, "unauthorized", "Send a valid API key: Authorization: Bearer <key>", undefined, {
        "WWW-Authenticate": 'Bearer realm="api"',
      });
    if (RANK[actor.role] < RANK[endpoint.role])
      return apiError(403, "forbidden", `This needs a key with the ${endpoint.role} role`);
    const wait = takeToken(actor.apiKeyId);
    if (wait > 0)
      return apiError(429, "rate_limited", "Too many requests for this key", undefined, {
        "Retry-After": String(Math.ceil(wait / 1000)),
      });

    let body: unknown = undefined;
    if (endpoint.body) {
      const read = await readBody(request);
      if (read instanceof Response) return read;
      const parsed = endpoint.body.safeParse(read.json);
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        const fields = Object.fromEntries(
          Object.entries(flat.fieldErrors as Record<string, string[]>).map(([k, v]) => [k, v[0]]),
        );
        return apiError(
          422,
          "validation_failed",
          flat.formErrors[0] ?? Object.values(fields)[0] ?? "The body is not valid",
          fields,
        );
      }
      body = parsed.data;
    }
    try {
      const data = await endpoint.run({
        db,
        actor,
        params: await context.params,
        body,
        url: new URL(request.url),
      } as never);
      if (endpoint.responds.status === 204)
        return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
      return Response.json(data, { status: endpoint.responds.status, headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return apiFailure(err);
    }
  };
}

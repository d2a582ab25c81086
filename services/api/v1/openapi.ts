// The OpenAPI 3.1 document of the management API, generated from the same zod schemas that validate the
// requests and describe the responses.
import { z } from "zod";
import { MAX_BODY_BYTES, type AnyEndpoint } from "./handler";
import { endpoints } from "./endpoints";

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        fields: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

const ERRORS: Record<number, string> = {
  400: "The body is not valid JSON or not valid UTF-8",
  401: "No valid API key",
  403: "The key's role is not enough",
  404: "Not found",
  409: "Conflicts with the current state (e.g. an update on a resolved incident)",
  413: `The body is larger than ${MAX_BODY_BYTES} bytes`,
  415: "The body is not application/json, or names a charset other than UTF-8",
  422: "Validation failed; `fields` says what is wrong with each field",
  429: "Too many requests for this key; see Retry-After",
  500: "Something went wrong on the server (logged there)",
  503: "The database cannot save right now (read-only or full); nothing was saved, try again after Retry-After seconds",
};

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any" });

export function openApiDocument(baseUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, endpoint] of Object.entries(endpoints) as [string, AnyEndpoint][]) {
    const params = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const query = (endpoint.query ?? []).map((q) => ({ ...q, in: "query", required: false }));
    const errorCodes = [
      401,
      403,
      429,
      ...(params.length ? [404] : []),
      ...(endpoint.body ? [400, 409, 413, 415, 422] : query.length ? [422] : []),
      ...(endpoint.alsoErrors ?? []),
      500,
      503,
    ];
    paths[endpoint.path] ??= {};
    paths[endpoint.path][endpoint.method.toLowerCase()] = {
      operationId,
      summary: endpoint.summary,
      description: `Needs a key with the ${endpoint.role} role or higher.`,
      ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(endpoint.body, "input") } },
            },
          }
        : {}),
      responses: {
        [endpoint.responds.status]: {
          description: endpoint.responds.description,
          ...(endpoint.responds.schema
            ? { content: { "application/json": { schema: jsonSchema(endpoint.responds.schema, "output") } } }
            : {}),
        },
        ...Object.fromEntries(
          errorCodes.map((code) => [
            code,
            {
              description: ERRORS[code],
              content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Status page management API",
      version: "1.0.0",
      description:
        "Automation for services, groups, incidents, maintenance and subscribers. Authenticate with `Authorization: Bearer <key>`.",
    },
    servers: [{ url: baseUrl }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: { Error: ERROR } },
    paths,
  };
}

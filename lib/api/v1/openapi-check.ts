// For the API tests: checks recorded responses against the OpenAPI document, so the document cannot drift
// from what the endpoints really answer.
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument } from "./openapi";

export interface RecordedResponse {
  /** The documented path, e.g. /api/v1/incidents/{id}. */
  path: string;
  method: string;
  status: number;
  body: unknown;
}

type Operations = Record<string, { responses: Record<string, { content: { "application/json": { schema: object } } }> }>;

/** Every response must be documented for its path, method and status, and match the schema given there. */
export function expectDocumented(responses: readonly RecordedResponse[]) {
  const doc = openApiDocument("https://status.example.org");
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
  // Compiling a schema is the slow part: once per documented response.
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  for (const r of responses) {
    const key = `${r.method} ${r.path} ${r.status}`;
    let validate = validators.get(key);
    if (!validate) {
      const operation = (doc.paths[r.path] as Operations)?.[r.method];
      expect(operation, `${r.method} ${r.path}`).toBeDefined();
      const documented = operation.responses[r.status];
      expect(documented, key).toBeDefined();
      validate = ajv.compile(JSON.parse(JSON.stringify(documented.content["application/json"].schema).replaceAll('"#/components/', '"doc#/components/')));
      validators.set(key, validate);
    }
    expect(validate(r.body), `${key}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  return doc;
}

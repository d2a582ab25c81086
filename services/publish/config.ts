// The publish targets, from the environment (documented in .env.example and README). Read and validated in
// one place; every error names the variable. No variable set: nothing is published.
import { z } from "zod";
import { ConfigError } from "@/core/config";
import { folderTarget } from "./folder";
import { isSecretVariable, s3EnvFields, s3PlaceFromEnv } from "@/services/storage/s3";
import { s3Target } from "./s3";
import type { PublishTarget } from "./target";

const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const url = (error: string) => z.preprocess(empty, z.url({ protocol: /^https?$/, error }).optional());

const schema = z.object({
  PUBLISH_FOLDER: z.preprocess(empty, z.string().optional()),
  PUBLISH_BASE_URL: url("must be the published copy's absolute http(s) address, e.g. https://status.example.org"),
  ...s3EnvFields("PUBLISH_S3"),
  PUBLISH_SOURCE_URL: url("must be the running app's http address, e.g. http://127.0.0.1:3000"),
});

export interface PublishConfig {
  targets: PublishTarget[];
  /** The copy's own address: absolute links in feeds and JSON point there. */
  baseUrl?: string;
  /** Where a publisher outside the server (the CLI) fetches the site from. */
  sourceUrl?: string;
}

export function parsePublishConfig(env: Record<string, string | undefined>): PublishConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} ${issue.message}${isSecretVariable(name) || env[name] === undefined ? "" : ` (got ${JSON.stringify(env[name])})`}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data as Record<string, string | undefined>;
  const targets: PublishTarget[] = [];
  if (e.PUBLISH_FOLDER) targets.push(folderTarget(e.PUBLISH_FOLDER));
  const bucket = s3PlaceFromEnv(e, "PUBLISH_S3");
  if (bucket) targets.push(s3Target(bucket));
  return {
    targets,
    baseUrl: e.PUBLISH_BASE_URL?.replace(/\/+$/, ""),
    sourceUrl: e.PUBLISH_SOURCE_URL?.replace(/\/+$/, ""),
  };
}

let cached: PublishConfig | undefined;
export function getPublishConfig(): PublishConfig {
  cached ??= parsePublishConfig(process.env);
  return cached;
}

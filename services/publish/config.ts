// The publish targets, from the environment (documented in .env.example and README). Read and validated in
// one place; every error names the variable. No variable set: nothing is published.
import { z } from "zod";
import { ConfigError } from "@/core/config";
import { folderTarget } from "./folder";
import { s3Target } from "./s3";
import type { PublishTarget } from "./target";

const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = z.preprocess(empty, z.string().optional());
const url = (error: string) => z.preprocess(empty, z.url({ protocol: /^https?$/, error }).optional());

const schema = z.object({
  PUBLISH_FOLDER: opt,
  PUBLISH_BASE_URL: url("must be the published copy's absolute http(s) address, e.g. https://status.example.org"),
  PUBLISH_S3_BUCKET: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
        error: "must be a bucket name (3-63 lowercase letters, digits, dots, hyphens)",
      })
      .optional(),
  ),
  PUBLISH_S3_PREFIX: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[A-Za-z0-9._/-]{1,200}$/, { error: "must be a folder such as status or site/status" })
      .refine((p) => !p.split("/").includes(".."), { error: "must not contain .." })
      .optional(),
  ),
  PUBLISH_S3_REGION: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, { error: "must be a region such as us-east-1 or auto" })
      .default("us-east-1"),
  ),
  PUBLISH_S3_ENDPOINT: url(
    "must be the S3 API's absolute http(s) address, e.g. https://<account>.r2.cloudflarestorage.com",
  ),
  PUBLISH_S3_ACCESS_KEY_ID: opt,
  PUBLISH_S3_SECRET_ACCESS_KEY: opt,
  PUBLISH_S3_FORCE_PATH_STYLE: z.preprocess(
    empty,
    z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).optional(),
  ),
  PUBLISH_SOURCE_URL: url("must be the running app's http address, e.g. http://127.0.0.1:3000"),
});

export interface PublishConfig {
  targets: PublishTarget[];
  /** The copy's own address: absolute links in feeds and JSON point there. */
  baseUrl?: string;
  /** Where a publisher outside the server (the CLI) fetches the site from. */
  sourceUrl?: string;
}

const SECRET = new Set(["PUBLISH_S3_SECRET_ACCESS_KEY", "PUBLISH_S3_ACCESS_KEY_ID"]);

export function parsePublishConfig(env: Record<string, string | undefined>): PublishConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} ${issue.message}${SECRET.has(name) || env[name] === undefined ? "" : ` (got ${JSON.stringify(env[name])})`}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const targets: PublishTarget[] = [];
  if (e.PUBLISH_FOLDER) targets.push(folderTarget(e.PUBLISH_FOLDER));
  if (e.PUBLISH_S3_BUCKET) {
    if (Boolean(e.PUBLISH_S3_ACCESS_KEY_ID) !== Boolean(e.PUBLISH_S3_SECRET_ACCESS_KEY)) {
      throw new ConfigError(
        "Invalid configuration: PUBLISH_S3_ACCESS_KEY_ID and PUBLISH_S3_SECRET_ACCESS_KEY go together (or set neither to use the SDK's own credentials: AWS_* variables, an instance role)",
      );
    }
    targets.push(
      s3Target({
        bucket: e.PUBLISH_S3_BUCKET,
        prefix: e.PUBLISH_S3_PREFIX ?? "",
        region: e.PUBLISH_S3_REGION,
        endpoint: e.PUBLISH_S3_ENDPOINT,
        accessKeyId: e.PUBLISH_S3_ACCESS_KEY_ID,
        secretAccessKey: e.PUBLISH_S3_SECRET_ACCESS_KEY,
        forcePathStyle: e.PUBLISH_S3_FORCE_PATH_STYLE
          ? ["true", "1"].includes(e.PUBLISH_S3_FORCE_PATH_STYLE)
          : Boolean(e.PUBLISH_S3_ENDPOINT),
      }),
    );
  } else if (e.PUBLISH_S3_ENDPOINT || e.PUBLISH_S3_PREFIX) {
    throw new ConfigError(
      "Invalid configuration: PUBLISH_S3_BUCKET is needed when PUBLISH_S3_ENDPOINT or PUBLISH_S3_PREFIX is set",
    );
  }
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

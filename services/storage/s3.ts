// What every S3-compatible place of ours shares (the static copy's bucket, the backup bucket): the client as
// S3-compatible servers need it, one line of error that never holds a credential, and the environment
// variables that configure it (<PREFIX>_BUCKET, _PREFIX, _REGION, _ENDPOINT, _ACCESS_KEY_ID,
// _SECRET_ACCESS_KEY, _FORCE_PATH_STYLE), validated with an error naming the variable.
import { S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { z } from "zod";
import { ConfigError } from "@/core/config";

export interface S3Place {
  bucket: string;
  /** Folder inside the bucket, without a leading or trailing slash ("" for the root). */
  prefix: string;
  region: string;
  /** For anything but AWS itself (R2, B2, MinIO...). */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** bucket.host/key or host/bucket/key: MinIO and most local servers need path style. */
  forcePathStyle: boolean;
  /** Per request; a bucket that does not answer must not hold anything up for long. */
  timeoutMs?: number;
}

export function s3Client(place: S3Place): S3Client {
  return new S3Client({
    region: place.region,
    endpoint: place.endpoint,
    forcePathStyle: place.forcePathStyle,
    credentials:
      place.accessKeyId && place.secretAccessKey
        ? { accessKeyId: place.accessKeyId, secretAccessKey: place.secretAccessKey }
        : undefined,
    // Checksums only when S3 requires them: several S3-compatible servers store the streaming checksum's
    // chunk framing inside the object otherwise.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
    requestHandler: { connectionTimeout: place.timeoutMs ?? 5_000, requestTimeout: place.timeoutMs ?? 15_000 },
  });
}

export const cleanPrefix = (prefix: string) => prefix.replace(/^\/+|\/+$/g, "");

/** `s3://bucket/prefix`, for people and logs. */
export const s3Where = (place: Pick<S3Place, "bucket" | "prefix">) =>
  `s3://${place.bucket}${cleanPrefix(place.prefix) ? `/${cleanPrefix(place.prefix)}` : ""}`;

/** One line saying what went wrong, with S3's own error code when there is one; never a credential. */
export function explainS3(err: unknown, what: string): Error {
  if (err instanceof S3ServiceException) {
    const status = err.$metadata?.httpStatusCode;
    return new Error(`${what}: ${err.name}${status ? ` (HTTP ${status})` : ""}: ${err.message}`);
  }
  const e = err as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
  const code = e.code ?? e.errors?.find((x) => x.code)?.code;
  return new Error(`${what}: ${code ? `${code} ` : ""}${e.message || String(err)}`);
}

const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = z.preprocess(empty, z.string().optional());
const url = (error: string) => z.preprocess(empty, z.url({ protocol: /^https?$/, error }).optional());

export const BUCKET_RULE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const PREFIX_RULE = /^[A-Za-z0-9._/-]{1,200}$/;
export const REGION_RULE = /^[a-z0-9-]{1,40}$/;

/** The zod fields of one S3 place's variables, to merge into a configuration schema. */
export function s3EnvFields<P extends string>(p: P) {
  return {
    [`${p}_BUCKET`]: z.preprocess(
      empty,
      z
        .string()
        .regex(BUCKET_RULE, { error: "must be a bucket name (3-63 lowercase letters, digits, dots, hyphens)" })
        .optional(),
    ),
    [`${p}_PREFIX`]: z.preprocess(
      empty,
      z
        .string()
        .regex(PREFIX_RULE, { error: "must be a folder such as status or site/status" })
        .refine((v) => !v.split("/").includes(".."), { error: "must not contain .." })
        .optional(),
    ),
    [`${p}_REGION`]: z.preprocess(
      empty,
      z.string().regex(REGION_RULE, { error: "must be a region such as us-east-1 or auto" }).default("us-east-1"),
    ),
    [`${p}_ENDPOINT`]: url(
      "must be the S3 API's absolute http(s) address, e.g. https://<account>.r2.cloudflarestorage.com",
    ),
    [`${p}_ACCESS_KEY_ID`]: opt,
    [`${p}_SECRET_ACCESS_KEY`]: opt,
    [`${p}_FORCE_PATH_STYLE`]: z.preprocess(
      empty,
      z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).optional(),
    ),
  } as Record<string, z.ZodType>;
}

/** Variables whose value an error must never repeat. */
export const isSecretVariable = (name: string) => /_(SECRET_ACCESS_KEY|ACCESS_KEY_ID)$/.test(name);

/** The S3 place the parsed variables describe, or undefined when `<p>_BUCKET` is unset. */
export function s3PlaceFromEnv(data: Record<string, unknown>, p: string, defaultPrefix = ""): S3Place | undefined {
  const get = (k: string) => data[`${p}_${k}`] as string | undefined;
  if (!get("BUCKET")) {
    if (get("ENDPOINT") || get("PREFIX"))
      throw new ConfigError(`Invalid configuration: ${p}_BUCKET is needed when ${p}_ENDPOINT or ${p}_PREFIX is set`);
    return undefined;
  }
  if (Boolean(get("ACCESS_KEY_ID")) !== Boolean(get("SECRET_ACCESS_KEY"))) {
    throw new ConfigError(
      `Invalid configuration: ${p}_ACCESS_KEY_ID and ${p}_SECRET_ACCESS_KEY go together (or set neither to use the SDK's own credentials: AWS_* variables, an instance role)`,
    );
  }
  const pathStyle = get("FORCE_PATH_STYLE");
  return {
    bucket: get("BUCKET")!,
    prefix: get("PREFIX") ?? defaultPrefix,
    region: get("REGION") ?? "us-east-1",
    endpoint: get("ENDPOINT"),
    accessKeyId: get("ACCESS_KEY_ID"),
    secretAccessKey: get("SECRET_ACCESS_KEY"),
    forcePathStyle: pathStyle ? ["true", "1"].includes(pathStyle) : Boolean(get("ENDPOINT")),
  };
}

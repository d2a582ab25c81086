// The S3-compatible target (AWS S3, Cloudflare R2, Backblaze B2, MinIO, Google Cloud Storage's S3 API), through
// the AWS SDK. Every object gets its Content-Type and Cache-Control; the manifest lives beside the copy so a
// second server, or a fresh one, knows what the bucket holds.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { MANIFEST_KEY, type Manifest, type PublishObject, type PublishTarget } from "./target";

export interface S3TargetOptions {
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
  /** Per request; a bucket that does not answer must not hold the publisher up for long. */
  timeoutMs?: number;
}

/** One line saying what went wrong, with S3's own error code when there is one; never a credential. */
function explain(err: unknown, what: string): Error {
  if (err instanceof S3ServiceException) {
    const status = err.$metadata?.httpStatusCode;
    return new Error(`${what}: ${err.name}${status ? ` (HTTP ${status})` : ""}: ${err.message}`);
  }
  const e = err as NodeJS.ErrnoException;
  return new Error(`${what}: ${e.code ? `${e.code} ` : ""}${e.message ?? String(err)}`);
}

export function s3Target(options: S3TargetOptions): PublishTarget {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    // Checksums only when S3 requires them: several S3-compatible servers store the streaming checksum's
    // chunk framing inside the object otherwise.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
    requestHandler: { connectionTimeout: options.timeoutMs ?? 5_000, requestTimeout: options.timeoutMs ?? 15_000 },
  });
  const prefix = options.prefix.replace(/^\/+|\/+$/g, "");
  const full = (key: string) => (prefix ? `${prefix}/${key}` : key);
  const where = `s3://${options.bucket}${prefix ? `/${prefix}` : ""}`;

  return {
    name: "s3",
    describe: `${where}${options.endpoint ? ` at ${options.endpoint}` : ""}`,
    async readManifest() {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: full(MANIFEST_KEY) }));
        return JSON.parse((await answer.Body?.transformToString("utf8")) ?? "{}") as Manifest;
      } catch (err) {
        if (err instanceof NoSuchKey) return {};
        throw explain(err, `Reading ${where}/${MANIFEST_KEY}`);
      }
    },
    async writeManifest(manifest: Manifest) {
      await this.put({
        key: MANIFEST_KEY,
        body: Buffer.from(JSON.stringify(manifest)),
        contentType: "application/json",
        cacheControl: "no-store",
      });
    },
    async put(object: PublishObject) {
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: options.bucket,
            Key: full(object.key),
            Body: object.body,
            ContentType: object.contentType,
            CacheControl: object.cacheControl,
            ContentLength: object.body.length,
          }),
        );
      } catch (err) {
        throw explain(err, `Uploading ${object.key} to ${where}`);
      }
    },
    async remove(key: string) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: full(key) }));
      } catch (err) {
        throw explain(err, `Deleting ${key} from ${where}`);
      }
    },
  };
}

// The S3-compatible target (AWS S3, Cloudflare R2, Backblaze B2, MinIO, Google Cloud Storage's S3 API), through
// the AWS SDK. Every object gets its Content-Type and Cache-Control; the manifest lives beside the copy so a
// second server, or a fresh one, knows what the bucket holds.
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand } from "@aws-sdk/client-s3";
import { cleanPrefix, explainS3 as explain, s3Client, s3Where, type S3Place } from "@/services/storage/s3";
import { MANIFEST_KEY, type Manifest, type PublishObject, type PublishTarget } from "./target";

export type S3TargetOptions = S3Place;

export function s3Target(options: S3TargetOptions): PublishTarget {
  const client = s3Client(options);
  const prefix = cleanPrefix(options.prefix);
  const full = (key: string) => (prefix ? `${prefix}/${key}` : key);
  const where = s3Where(options);

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

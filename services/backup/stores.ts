// Where snapshots are kept: a folder (another disk, a mounted share) or an S3-compatible bucket (AWS S3, R2, B2,
// MinIO). A store only lists, uploads a finished file, downloads one, and deletes: snapshots.ts does the rest
// (the consistent copy, compression, retention, the verified restore) the same way for both.
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { cleanPrefix, explainS3, s3Client, s3Where, type S3Place } from "@/services/storage/s3";

export const SNAPSHOT_NAME = /^status-(\d{8}T\d{9}Z)\.db\.gz$/;

export interface StoredSnapshot {
  name: string;
  /** Where it is, for people: a path or an s3:// address. */
  file: string;
  bytes: number;
}

export interface SnapshotStore {
  /** "folder" or "s3", as in `restore --from`. */
  kind: "folder" | "s3";
  /** For people: a path or `s3://bucket/prefix at endpoint`; never a credential. */
  describe: string;
  /** Every file whose name is a snapshot's, in any order. */
  list(): Promise<StoredSnapshot[]>;
  /** Stores the finished file `from` as `name`; `from` may be moved away. */
  put(name: string, from: string): Promise<StoredSnapshot>;
  /** Writes the snapshot `name` to the local file `to`. */
  download(name: string, to: string): Promise<void>;
  remove(name: string): Promise<void>;
}

export function folderSnapshotStore(folder: string): SnapshotStore {
  const root = path.resolve(folder);
  const stored = (name: string): StoredSnapshot => {
    const file = path.join(root, name);
    return { name, file, bytes: fs.statSync(file).size };
  };
  return {
    kind: "folder",
    describe: root,
    async list() {
      if (!fs.existsSync(root)) return [];
      return fs
        .readdirSync(root)
        .filter((n) => SNAPSHOT_NAME.test(n))
        .map(stored);
    },
    async put(name, from) {
      fs.mkdirSync(root, { recursive: true });
      // Renamed into place: a reader (rsync to a standby) never sees half a snapshot.
      const temp = path.join(root, `${name}.tmp`);
      try {
        fs.copyFileSync(from, temp);
        fs.renameSync(temp, path.join(root, name));
      } finally {
        fs.rmSync(temp, { force: true });
      }
      return stored(name);
    },
    async download(name, to) {
      fs.copyFileSync(path.join(root, name), to);
    },
    async remove(name) {
      fs.rmSync(path.join(root, name), { force: true });
    },
  };
}

export function s3SnapshotStore(place: S3Place): SnapshotStore {
  const client = s3Client(place);
  const prefix = cleanPrefix(place.prefix);
  const key = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const where = s3Where(place);
  return {
    kind: "s3",
    describe: `${where}${place.endpoint ? ` at ${place.endpoint}` : ""}`,
    async list() {
      const out: StoredSnapshot[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await client.send(
            new ListObjectsV2Command({
              Bucket: place.bucket,
              Prefix: prefix ? `${prefix}/` : undefined,
              ContinuationToken: token,
            }),
          );
          for (const o of page.Contents ?? []) {
            const name = (o.Key ?? "").slice(prefix ? prefix.length + 1 : 0);
            if (SNAPSHOT_NAME.test(name)) out.push({ name, file: `${where}/${name}`, bytes: o.Size ?? 0 });
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
      } catch (err) {
        throw explainS3(err, `Listing ${where}`);
      }
      return out;
    },
    async put(name, from) {
      const body = fs.readFileSync(from);
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: place.bucket,
            Key: key(name),
            Body: body,
            ContentLength: body.length,
            ContentType: "application/gzip",
            CacheControl: "no-store",
          }),
        );
      } catch (err) {
        throw explainS3(err, `Uploading ${name} to ${where}`);
      }
      return { name, file: `${where}/${name}`, bytes: body.length };
    },
    async download(name, to) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: place.bucket, Key: key(name) }));
        await pipeline(answer.Body as Readable, fs.createWriteStream(to));
      } catch (err) {
        throw explainS3(err, `Downloading ${name} from ${where}`);
      }
    },
    async remove(name) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: place.bucket, Key: key(name) }));
      } catch (err) {
        throw explainS3(err, `Deleting ${name} from ${where}`);
      }
    },
  };
}

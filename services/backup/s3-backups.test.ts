// Backups to an S3-compatible bucket: s3rver on 127.0.0.1 through the real AWS SDK. The same snapshots,
// retention and verified restore as the folder, and a clear refusal for an unreachable bucket or bad keys.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { DAY, MINUTE } from "@/core/time";
import { addComponent } from "@/services/testing/scenario";
import { S3_CREDENTIALS, startS3, type TestS3 } from "@/services/testing/s3-server";
import { parseBackupConfig } from "./job";
import { listSnapshots, pruneSnapshots, restoreSnapshot, RestoreRefused, takeSnapshot } from "./snapshots";
import { s3SnapshotStore, type SnapshotStore } from "./stores";

const T = Date.UTC(2026, 11, 1, 12, 0);
let s3: TestS3;
let dir: string;
let db: Db;
let pageId: string;
beforeAll(async () => {
  s3 = await startS3(0, ["status-backups"]);
});
afterAll(() => s3.close());
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-s3-"));
  db = openDatabase(path.join(dir, "live.db"));
  ensurePage(db, { name: "Example", timeZone: "Etc/UTC", at: T });
  pageId = db.select().from(pages).get()!.id;
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const store = (over: Partial<Parameters<typeof s3SnapshotStore>[0]> = {}): SnapshotStore =>
  s3SnapshotStore({
    bucket: "status-backups",
    prefix: `run${++n}/snapshots`,
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    ...S3_CREDENTIALS,
    ...over,
  });
const client = () =>
  new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

describe("backups to an S3-compatible bucket", () => {
  it("uploads compressed snapshots and restores the one asked for into a new, verified file", async () => {
    const bucket = store();
    addComponent(db, pageId, "API");
    const first = await takeSnapshot(db, bucket, T);
    expect(first.file).toBe(`s3://status-backups/run${n}/snapshots/status-20261201T120000000Z.db.gz`);
    addComponent(db, pageId, "Web");
    await takeSnapshot(db, bucket, T + 5 * MINUTE);
    const listed = await listSnapshots(bucket);
    expect(listed.map((s) => s.at)).toEqual([T, T + 5 * MINUTE]);
    expect(listed[0].bytes).toBeGreaterThan(100);

    const latest = await restoreSnapshot(bucket, path.join(dir, "restored.db"));
    expect(latest.counts).toMatchObject({ pages: 1, components: 2 });
    const older = await restoreSnapshot(bucket, path.join(dir, "older.db"), T + MINUTE);
    expect(older.snapshot.at).toBe(T);
    expect(older.counts.components).toBe(1);
    // Nothing of the download is left beside the restored file.
    expect(fs.readdirSync(dir).sort()).toEqual(["live.db", "live.db-shm", "live.db-wal", "older.db", "restored.db"]);
  });

  it("applies the folder's retention to the bucket", async () => {
    const bucket = store();
    for (const at of [T - 100 * DAY, T - 10 * DAY, T - 10 * DAY + MINUTE, T - MINUTE])
      await takeSnapshot(db, bucket, at);
    expect(await pruneSnapshots(bucket, T)).toBe(2);
    expect((await listSnapshots(bucket)).map((s) => s.at)).toEqual([T - 10 * DAY + MINUTE, T - MINUTE]);
  });

  it("refuses a corrupt snapshot in the bucket with the reason", async () => {
    const bucket = store();
    const good = await takeSnapshot(db, bucket, T);
    const key = good.file.replace("s3://status-backups/", "");
    await client().send(
      new PutObjectCommand({
        Bucket: "status-backups",
        Key: key,
        Body: zlib.gzipSync(Buffer.from("text ".repeat(500))),
      }),
    );
    await expect(restoreSnapshot(bucket, path.join(dir, "bad.db"))).rejects.toThrow(RestoreRefused);
    expect(fs.existsSync(path.join(dir, "bad.db"))).toBe(false);
  });

  it("says what is wrong with a missing bucket, bad keys, or nothing listening", async () => {
    await expect(takeSnapshot(db, store({ bucket: "no-such-bucket" }), T)).rejects.toThrow(
      /Uploading .* to s3:\/\/no-such-bucket.*NoSuchBucket/,
    );
    await expect(takeSnapshot(db, store({ accessKeyId: "WRONG", secretAccessKey: "wrong" }), T)).rejects.toThrow(
      /SignatureDoesNotMatch|InvalidAccessKeyId|AccessDenied/,
    );
    await expect(listSnapshots(store({ endpoint: "http://127.0.0.1:9", timeoutMs: 2_000 }))).rejects.toThrow(
      /Listing s3:\/\/status-backups.*ECONNREFUSED/,
    );
    // The secret never appears in an error.
    const refused = await takeSnapshot(
      db,
      store({ accessKeyId: "NOPE", secretAccessKey: "wrong-secret-xyz" }),
      T,
    ).catch((err: Error) => err.message);
    expect(refused).toMatch(/InvalidAccessKeyId/);
    expect(refused).not.toMatch(/wrong-secret-xyz/);
    // A failed snapshot leaves no temporary file behind.
    expect(fs.readdirSync(dir).filter((f) => f.includes("snapshot"))).toEqual([]);
  });

  it("is configured by BACKUP_S3_* with an error per variable", () => {
    expect(
      parseBackupConfig({
        BACKUP_S3_BUCKET: "status-backups",
        BACKUP_S3_ENDPOINT: "http://127.0.0.1:9000",
        BACKUP_S3_ACCESS_KEY_ID: "id",
        BACKUP_S3_SECRET_ACCESS_KEY: "secret",
      }).stores.map((s) => s.describe),
    ).toEqual(["s3://status-backups/backups at http://127.0.0.1:9000"]);
    expect(() => parseBackupConfig({ BACKUP_S3_BUCKET: "X" })).toThrow(/BACKUP_S3_BUCKET must be a bucket name/);
    expect(() => parseBackupConfig({ BACKUP_S3_BUCKET: "okay", BACKUP_S3_ACCESS_KEY_ID: "id" })).toThrow(
      /BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY go together/,
    );
    expect(() => parseBackupConfig({ BACKUP_S3_ENDPOINT: "ftp://x" })).toThrow(/BACKUP_S3_ENDPOINT must be/);
    let message = "";
    try {
      parseBackupConfig({ BACKUP_S3_BUCKET: "okay", BACKUP_S3_SECRET_ACCESS_KEY: "top-secret" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain("top-secret");
  });
});

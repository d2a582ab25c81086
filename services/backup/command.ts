// The command-line side of services/backup/installation.ts: files in, files out, one line of outcome.
import fs from "node:fs";
import type { Db } from "@/db";
import { BackupError, buildExport, decodeExport, encodeExport, restoreExport } from "./installation";
import { BUCKET_RULE, PREFIX_RULE, s3PlaceFromEnv } from "@/services/storage/s3";
import { parseBackupConfig } from "./job";
import { folderSnapshotStore, s3SnapshotStore, type SnapshotStore } from "./stores";

export interface CommandResult {
  code: 0 | 1;
  out: string;
}

export function runInstallationExport(
  db: Db,
  out: string,
  options: { withSecrets: boolean; now?: number },
): CommandResult {
  const file = buildExport(db, options);
  const bytes = encodeExport(file);
  // Written beside the target and renamed: a failed write never leaves a half file under the real name.
  const temp = `${out}.partial`;
  try {
    fs.writeFileSync(temp, bytes, { mode: 0o600 });
    fs.renameSync(temp, out);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    return { code: 1, out: `Cannot write ${out}: ${(err as Error).message}` };
  }
  const rows = Object.values(file.tables).reduce((n, t) => n + t.length, 0);
  return {
    code: 0,
    out: `Exported ${rows} rows of ${Object.keys(file.tables).length} tables to ${out} (${bytes.length} bytes, format version ${file.version}, ${
      options.withSecrets ? "with password hashes and secrets: keep it safe" : "without password hashes and secrets"
    }).`,
  };
}

export function runInstallationImport(db: Db, path: string, options: { force: boolean }): CommandResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (err) {
    return { code: 1, out: `Cannot read ${path}: ${(err as Error).message}` };
  }
  try {
    const result = restoreExport(db, decodeExport(bytes), options);
    return {
      code: 0,
      out: [`Imported ${result.rows} rows of ${result.tables} tables from ${path}.`, ...result.notes].join("\n"),
    };
  } catch (err) {
    if (err instanceof BackupError) return { code: 1, out: `Refused ${path}, nothing was changed: ${err.message}` };
    throw err;
  }
}

export class SourceError extends Error {
  override name = "SourceError";
}

/**
 * Where `restore` reads snapshots from: `s3://bucket/prefix` (the connection, region and keys from BACKUP_S3_*),
 * `folder` or `s3` (the configured place of that kind), a folder's path, or, without one, the first configured
 * place (the folder before the bucket).
 */
export function snapshotSource(spec: string | undefined, env: Record<string, string | undefined>): SnapshotStore {
  const config = parseBackupConfig(env);
  if (spec === undefined) {
    const first = config.stores[0];
    if (!first)
      throw new SourceError(
        "No backup place is configured: set BACKUP_FOLDER or BACKUP_S3_BUCKET, or name one (s3://bucket/prefix or a folder).",
      );
    return first;
  }
  if (spec === "folder" || spec === "s3") {
    const store = config.stores.find((s) => s.kind === spec);
    if (!store)
      throw new SourceError(
        `No ${spec} backup place is configured (${spec === "s3" ? "BACKUP_S3_BUCKET" : "BACKUP_FOLDER"}).`,
      );
    return store;
  }
  if (spec.startsWith("s3://")) {
    const [bucket, ...rest] = spec.slice(5).split("/");
    const prefix = rest.join("/").replace(/\/+$/, "");
    if (!BUCKET_RULE.test(bucket)) throw new SourceError(`${spec}: ${JSON.stringify(bucket)} is not a bucket name.`);
    if (prefix && (!PREFIX_RULE.test(prefix) || prefix.split("/").includes("..")))
      throw new SourceError(`${spec}: ${JSON.stringify(prefix)} is not a folder in the bucket.`);
    // The connection (endpoint, region, keys) as configured, already validated by parseBackupConfig above.
    const place = s3PlaceFromEnv({ ...env, BACKUP_S3_BUCKET: bucket, BACKUP_S3_PREFIX: undefined }, "BACKUP_S3")!;
    return s3SnapshotStore({ ...place, prefix });
  }
  if (!fs.existsSync(spec) || !fs.statSync(spec).isDirectory())
    throw new SourceError(`${spec} is not a folder, and not s3://bucket/prefix, folder or s3.`);
  return folderSnapshotStore(spec);
}

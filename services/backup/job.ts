// Continuous backups, configured by environment: BACKUP_FOLDER and/or BACKUP_S3_* (where snapshots go, see
// services/storage/s3.ts for the variables) and BACKUP_INTERVAL_MINUTES (default 5). A snapshot is due every
// interval, and a minute after a change to public content (an incident or maintenance update) when the last one
// is older; retention prunes each place after each snapshot.
import { z } from "zod";
import type { Db } from "@/db";
import { readPublicContentVersion } from "@/db/change-watcher";
import { ConfigError } from "@/core/config";
import { MINUTE } from "@/core/time";
import type { Job } from "@/services/jobs/runner";
import { isSecretVariable, s3EnvFields, s3PlaceFromEnv } from "@/services/storage/s3";
import { listSnapshots, pruneSnapshots, takeSnapshotInto } from "./snapshots";
import { folderSnapshotStore, s3SnapshotStore, type SnapshotStore } from "./stores";

const schema = z.object({
  BACKUP_FOLDER: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  ...s3EnvFields("BACKUP_S3"),
  BACKUP_INTERVAL_MINUTES: z.preprocess(
    (v) => (v === "" || v === undefined ? "5" : v),
    z
      .string()
      .regex(/^\d+$/, { error: "must be a whole number of minutes between 1 and 1440" })
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1, { error: "must be between 1 and 1440" })
          .max(1440, { error: "must be between 1 and 1440" }),
      ),
  ),
});

export interface BackupConfig {
  folder?: string;
  /** The folder's store first (restore reads it by default), then the bucket's. */
  stores: SnapshotStore[];
  intervalMs: number;
}

export function parseBackupConfig(env: Record<string, string | undefined>): BackupConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    const got = isSecretVariable(name) ? "" : ` (got ${JSON.stringify(env[name])})`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${got}`);
  }
  const data = parsed.data as Record<string, unknown> & { BACKUP_FOLDER?: string; BACKUP_INTERVAL_MINUTES: number };
  const bucket = s3PlaceFromEnv(data, "BACKUP_S3", "backups");
  const stores = [
    ...(data.BACKUP_FOLDER ? [folderSnapshotStore(data.BACKUP_FOLDER)] : []),
    ...(bucket ? [s3SnapshotStore(bucket)] : []),
  ];
  return { folder: data.BACKUP_FOLDER, stores, intervalMs: data.BACKUP_INTERVAL_MINUTES * MINUTE };
}

/** A snapshot is due: the interval passed, or public content changed and the last one is a minute old. */
export function isBackupDue(lastAt: number | undefined, now: number, intervalMs: number, changed: boolean): boolean {
  if (lastAt === undefined) return true;
  return now - lastAt >= intervalMs || (changed && now - lastAt >= MINUTE);
}

/** A place that failed is tried again after this, not on every tick of the runner. */
const RETRY_MS = MINUTE;

/** The backup job for the job runner, or none when no place is configured. */
export function backupJob(config: BackupConfig, log: (m: string) => void = console.log): Job | undefined {
  if (!config.stores.length) return undefined;
  let versionAtLast: number | undefined;
  // Known after the first tick; kept in memory so a bucket is not listed every few seconds.
  let lastAt: number | undefined | null = null;
  return {
    name: "backup",
    run: async (db: Db, now: number) => {
      if (lastAt === null) {
        const newest = await Promise.all(config.stores.map(async (s) => (await listSnapshots(s)).at(-1)?.at));
        lastAt = newest.every((at) => at !== undefined) ? Math.min(...(newest as number[])) : undefined;
      }
      const version = readPublicContentVersion(db);
      if (!isBackupDue(lastAt, now, config.intervalMs, versionAtLast !== undefined && version !== versionAtLast))
        return;
      versionAtLast = version;
      try {
        await takeSnapshotInto(db, config.stores, now);
        lastAt = now;
      } catch (err) {
        lastAt = now - config.intervalMs + RETRY_MS;
        throw err;
      }
      for (const store of config.stores) {
        const pruned = await pruneSnapshots(store, now);
        if (pruned)
          log(`[backup] removed ${pruned} snapshot${pruned === 1 ? "" : "s"} past retention in ${store.describe}`);
      }
    },
  };
}

// Continuous backups, configured by environment: BACKUP_FOLDER (where snapshots go) and
// BACKUP_INTERVAL_MINUTES (default 5). A snapshot is due every interval, and a minute after a change to
// public content (an incident or maintenance update) when the last one is older; retention prunes after each.
import { z } from "zod";
import type { Db } from "@/db";
import { readPublicContentVersion } from "@/db/change-watcher";
import { ConfigError } from "@/core/config";
import { MINUTE } from "@/core/time";
import type { Job } from "@/services/jobs/runner";
import { listSnapshots, pruneSnapshots, takeSnapshot } from "./snapshots";

const schema = z.object({
  BACKUP_FOLDER: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
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
  intervalMs: number;
}

export function parseBackupConfig(env: Record<string, string | undefined>): BackupConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(env[name])})`);
  }
  return { folder: parsed.data.BACKUP_FOLDER, intervalMs: parsed.data.BACKUP_INTERVAL_MINUTES * MINUTE };
}

/** A snapshot is due: the interval passed, or public content changed and the last one is a minute old. */
export function isBackupDue(lastAt: number | undefined, now: number, intervalMs: number, changed: boolean): boolean {
  if (lastAt === undefined) return true;
  return now - lastAt >= intervalMs || (changed && now - lastAt >= MINUTE);
}

/** The backup job for the job runner, or none when BACKUP_FOLDER is unset. */
export function backupJob(config: BackupConfig, log: (m: string) => void = console.log): Job | undefined {
  const folder = config.folder;
  if (!folder) return undefined;
  let versionAtLast: number | undefined;
  return {
    name: "backup",
    run: async (db: Db, now: number) => {
      const version = readPublicContentVersion(db);
      const lastAt = listSnapshots(folder).at(-1)?.at;
      if (!isBackupDue(lastAt, now, config.intervalMs, versionAtLast !== undefined && version !== versionAtLast))
        return;
      versionAtLast = version;
      await takeSnapshot(db, folder, now);
      const pruned = pruneSnapshots(folder, now);
      if (pruned) log(`[backup] removed ${pruned} snapshot${pruned === 1 ? "" : "s"} past retention`);
    },
  };
}

// Consistent SQLite snapshots with the online backup API (never a file copy of a live database: a copy taken
// mid-write can be torn), compressed, kept by the retention rule (core/backup-retention.ts), and restored only
// into a new file that has been verified: SQLite's integrity check, the migrations, and the row counts.
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { openDatabase, type Db } from "@/db";
import { snapshotsToKeep } from "@/core/backup-retention";

const NAME = /^status-(\d{8}T\d{9}Z)\.db\.gz$/;

const stamp = (at: number) => new Date(at).toISOString().replace(/[-:.]/g, "");
function parseStamp(s: string): number {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z$/.exec(s)!;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]);
}

export interface Snapshot {
  file: string;
  at: number;
  bytes: number;
}

export function listSnapshots(folder: string): Snapshot[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .flatMap((name) => {
      const m = NAME.exec(name);
      if (!m) return [];
      const file = path.join(folder, name);
      return [{ file, at: parseStamp(m[1]), bytes: fs.statSync(file).size }];
    })
    .sort((a, b) => a.at - b.at);
}

/** Takes a snapshot of the live database into `folder`, compressed; written under a temporary name first. */
export async function takeSnapshot(db: Db, folder: string, now: number): Promise<Snapshot> {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `status-${stamp(now)}.db.gz`);
  const raw = path.join(folder, `.snapshot-${process.pid}-${now}.db`);
  try {
    // The online backup API: one consistent moment of the database, whatever other connections write. All
    // pages in one step: copied in small steps, a write from another connection between two steps restarts
    // the copy, and a busy page could keep it from ever finishing (bench/publish.ts times the step).
    await db.$client.backup(raw, { progress: () => 0x7fffffff });
    await pipeline(fs.createReadStream(raw), zlib.createGzip({ level: 6 }), fs.createWriteStream(`${file}.tmp`));
    fs.renameSync(`${file}.tmp`, file);
  } finally {
    fs.rmSync(raw, { force: true });
    fs.rmSync(`${file}.tmp`, { force: true });
  }
  return { file, at: now, bytes: fs.statSync(file).size };
}

/** Deletes the snapshots the retention rule does not keep. Returns how many. */
export function pruneSnapshots(folder: string, now: number): number {
  const all = listSnapshots(folder);
  const keep = snapshotsToKeep(
    all.map((s) => s.at),
    now,
  );
  let removed = 0;
  for (const s of all) {
    if (keep.has(s.at)) continue;
    fs.rmSync(s.file, { force: true });
    removed++;
  }
  return removed;
}

export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

/** The tables whose counts a restore reports (and which must exist). */
const COUNTED = ["pages", "components", "incidents", "incident_updates", "subscribers", "users"] as const;

export interface Restored {
  snapshot: Snapshot;
  destination: string;
  counts: Record<(typeof COUNTED)[number], number>;
  migrationsBefore: number;
  migrationsAfter: number;
}

/**
 * Restores the newest snapshot taken at or before `at` (or the newest of all) into `destination`, a file that
 * must not exist yet. The file appears only once it passed every check; a bad snapshot is refused with why.
 */
export async function restoreSnapshot(folder: string, destination: string, at?: number): Promise<Restored> {
  const target = path.resolve(destination);
  if (fs.existsSync(target))
    throw new RestoreRefused(`${target} exists: restore into a new file, never over a database.`);
  const candidates = listSnapshots(folder).filter((s) => at === undefined || s.at <= at);
  const snapshot = candidates.at(-1);
  if (!snapshot) {
    throw new RestoreRefused(
      at === undefined
        ? `No snapshot in ${folder}.`
        : `No snapshot in ${folder} taken at or before ${new Date(at).toISOString()}.`,
    );
  }
  const name = path.basename(snapshot.file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const work = `${target}.restoring`;
  fs.rmSync(work, { force: true });
  try {
    try {
      await pipeline(fs.createReadStream(snapshot.file), zlib.createGunzip(), fs.createWriteStream(work));
    } catch (err) {
      throw new RestoreRefused(`The snapshot ${name} is corrupt: it does not decompress (${(err as Error).message}).`);
    }
    let migrationsBefore: number;
    const check = (() => {
      try {
        return new Database(work, { fileMustExist: true });
      } catch (err) {
        throw new RestoreRefused(`The snapshot ${name} is not a database: ${(err as Error).message}`);
      }
    })();
    try {
      const integrity = (() => {
        try {
          return check.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
        } catch (err) {
          throw new RestoreRefused(`The snapshot ${name} is corrupt: ${(err as Error).message}`);
        }
      })();
      if (integrity.length !== 1 || integrity[0].integrity_check !== "ok") {
        const problems = integrity.slice(0, 3).map((r) => r.integrity_check);
        throw new RestoreRefused(`The snapshot ${name} failed SQLite's integrity check: ${problems.join("; ")}`);
      }
      migrationsBefore = (() => {
        try {
          return check.prepare("select count(*) from __drizzle_migrations").pluck().get() as number;
        } catch {
          throw new RestoreRefused(`The snapshot ${name} is not a status page database (it has no migrations table).`);
        }
      })();
    } finally {
      check.close();
    }
    // Bring it to this version's schema, as a start would, then count what is in it.
    const db = openDatabase(work, { countQueries: false });
    let counts: Restored["counts"];
    let migrationsAfter: number;
    try {
      counts = Object.fromEntries(
        COUNTED.map((t) => [t, db.$client.prepare(`select count(*) from ${t}`).pluck().get() as number]),
      ) as Restored["counts"];
      migrationsAfter = db.$client.prepare("select count(*) from __drizzle_migrations").pluck().get() as number;
      db.$client.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.$client.close();
    }
    if (counts.pages < 1) throw new RestoreRefused(`The snapshot ${name} has no page: it is not a usable status page.`);
    fs.renameSync(work, target);
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${work}${suffix}`, { force: true });
    return { snapshot, destination: target, counts, migrationsBefore, migrationsAfter };
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${work}${suffix}`, { force: true });
  }
}

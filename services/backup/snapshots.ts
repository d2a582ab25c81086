// Consistent SQLite snapshots with the online backup API (never a file copy of a live database: a copy taken
// mid-write can be torn), compressed, kept by the retention rule (core/backup-retention.ts), and restored only
// into a new file that has been verified: SQLite's integrity check, the migrations, and the row counts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { openDatabase, type Db } from "@/db";
import { snapshotsToKeep } from "@/core/backup-retention";
import { folderSnapshotStore, SNAPSHOT_NAME, type SnapshotStore } from "./stores";

/** A folder's path, or any store (stores.ts). */
export type SnapshotPlace = string | SnapshotStore;
const storeOf = (place: SnapshotPlace) => (typeof place === "string" ? folderSnapshotStore(place) : place);

const stamp = (at: number) => new Date(at).toISOString().replace(/[-:.]/g, "");
function parseStamp(s: string): number {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z$/.exec(s)!;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]);
}

export interface Snapshot {
  name: string;
  /** Where it is: a path or an s3:// address. */
  file: string;
  at: number;
  bytes: number;
}

/** The snapshots a place holds, oldest first. */
export async function listSnapshots(place: SnapshotPlace): Promise<Snapshot[]> {
  return (await storeOf(place).list())
    .map((s) => ({ ...s, at: parseStamp(SNAPSHOT_NAME.exec(s.name)![1]) }))
    .sort((a, b) => a.at - b.at);
}

/** Scratch space beside the database (it has room for a copy of it), or the system's for one in memory. */
function workFolder(db: Db): string {
  const name = db.$client.name;
  const base = name && name !== ":memory:" && path.isAbsolute(name) ? path.dirname(name) : os.tmpdir();
  return fs.mkdtempSync(path.join(base, ".snapshot-"));
}

/** Takes a snapshot of the live database into each place, compressed (one copy, uploaded to all). */
export async function takeSnapshotInto(db: Db, places: SnapshotPlace[], now: number): Promise<Snapshot[]> {
  const name = `status-${stamp(now)}.db.gz`;
  const work = workFolder(db);
  try {
    const raw = path.join(work, "raw.db");
    const packed = path.join(work, name);
    // The online backup API: one consistent moment of the database, whatever other connections write. All
    // pages in one step: copied in small steps, a write from another connection between two steps restarts
    // the copy, and a busy page could keep it from ever finishing (bench/publish.ts times the step).
    await db.$client.backup(raw, { progress: () => 0x7fffffff });
    await pipeline(fs.createReadStream(raw), zlib.createGzip({ level: 6 }), fs.createWriteStream(packed));
    fs.rmSync(raw, { force: true });
    // Every place gets its copy even when one fails (a bucket that is down must not cost the folder its backup).
    const out: Snapshot[] = [];
    const failed: string[] = [];
    for (const place of places) {
      try {
        out.push({ ...(await storeOf(place).put(name, packed)), at: now });
      } catch (err) {
        failed.push((err as Error).message);
      }
    }
    if (failed.length) throw new Error(failed.join("; "));
    return out;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function takeSnapshot(db: Db, place: SnapshotPlace, now: number): Promise<Snapshot> {
  return (await takeSnapshotInto(db, [place], now))[0];
}

/** Deletes the snapshots the retention rule does not keep. Returns how many. */
export async function pruneSnapshots(place: SnapshotPlace, now: number): Promise<number> {
  const store = storeOf(place);
  const all = await listSnapshots(store);
  const keep = snapshotsToKeep(
    all.map((s) => s.at),
    now,
  );
  let removed = 0;
  for (const s of all) {
    if (keep.has(s.at)) continue;
    await store.remove(s.name);
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
export async function restoreSnapshot(place: SnapshotPlace, destination: string, at?: number): Promise<Restored> {
  const store = storeOf(place);
  const target = path.resolve(destination);
  if (fs.existsSync(target))
    throw new RestoreRefused(`${target} exists: restore into a new file, never over a database.`);
  const candidates = (await listSnapshots(store)).filter((s) => at === undefined || s.at <= at);
  const snapshot = candidates.at(-1);
  if (!snapshot) {
    throw new RestoreRefused(
      at === undefined
        ? `No snapshot in ${store.describe}.`
        : `No snapshot in ${store.describe} taken at or before ${new Date(at).toISOString()}.`,
    );
  }
  const name = snapshot.name;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const work = `${target}.restoring`;
  const download = `${target}.download.gz`;
  fs.rmSync(work, { force: true });
  try {
    await store.download(name, download);
    try {
      await pipeline(fs.createReadStream(download), zlib.createGunzip(), fs.createWriteStream(work));
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
    fs.rmSync(download, { force: true });
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${work}${suffix}`, { force: true });
  }
}

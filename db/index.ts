// The database connection: opened lazily (never at import time, so `next build` needs no database),
// with its directory created, WAL mode, foreign keys, a busy timeout, and migrations applied.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { getConfig } from "@/core/config";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction or the database itself: write helpers accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Statements executed by this process; the page benchmark and tests read it to prove the cache serves
 * visitors. On globalThis because the server entry and the Next bundle each load their own copy of this module.
 */
const counterHolder = globalThis as typeof globalThis & { __statusQueryCounter?: { count: number } };
export const queryCounter = (counterHolder.__statusQueryCounter ??= { count: 0 });

/**
 * mkdir -p, one level at a time: Node 20's `mkdirSync(p, { recursive: true })` never returns for some
 * impossible paths (e.g. under /proc), which would hang a start with a mistyped DATABASE_PATH.
 */
function makeDirectory(dir: string): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} exists and is not a directory`);
    return;
  }
  const parent = path.dirname(dir);
  if (parent !== dir) makeDirectory(parent);
  try {
    fs.mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

/**
 * Opens (creating if needed) and migrates a SQLite database. `:memory:` works for tests. `readonly` opens an
 * existing, already migrated file without write access (how the tests reproduce a read-only mount).
 */
export function openDatabase(file: string, options: { countQueries?: boolean; readonly?: boolean } = {}): Db {
  const count = options.countQueries ?? true;
  let sqlite: Database.Database;
  try {
    if (file !== ":memory:" && !options.readonly) makeDirectory(path.dirname(path.resolve(file)));
    sqlite = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      verbose: count
        ? () => {
            queryCounter.count++;
          }
        : undefined,
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DatabaseOpenError(`Cannot open the database at DATABASE_PATH=${JSON.stringify(file)}: ${reason}`);
  }
  if (!options.readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  if (!options.readonly) {
    // Monitor results touch one index page per monitor per commit; checkpointing every 1,000 pages (the
    // default) spent most of a tick's write in the checkpoint's fsyncs. 10,000 pages (40 MB of WAL at most
    // before it is copied back) more than halves that; the limit truncates the WAL file back after a checkpoint.
    sqlite.pragma("wal_autocheckpoint = 10000");
    sqlite.pragma(`journal_size_limit = ${48 * 1024 * 1024}`);
  }
  const db = drizzle(sqlite, { schema }) as Db;
  if (!options.readonly) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

// Kept on globalThis so that `next dev` module reloads share one connection.
const holder = globalThis as typeof globalThis & { __statusDb?: Db };

/** This process's database, opened on first use at DATABASE_PATH. */
export function getDb(): Db {
  holder.__statusDb ??= openDatabase(getConfig().databasePath);
  return holder.__statusDb;
}

/** Closes this process's database (tests, graceful shutdown). */
export function closeDb(): void {
  holder.__statusDb?.$client.close();
  holder.__statusDb = undefined;
}

export { schema };

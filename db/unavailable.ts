// When the database cannot save (a read-only file or mount, a full disk, an I/O error, a lock held too long),
// every caller reacts the same way: health says so, the API answers 503 in its JSON shape, forms say "try
// again in a minute", the worker backs off, and bookkeeping writes (an API key's last use) are skipped.
import Database from "better-sqlite3";
import { DatabaseOpenError } from "./index";

/** Shown by every form whose save failed this way. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  "We are temporarily unable to save changes. Nothing was saved; please try again in a minute.";

const UNAVAILABLE_CODES = /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED|NOMEM|PROTOCOL)/;

/** The SQLite error behind `err`: drizzle wraps driver errors (DrizzleQueryError) with the original as `cause`. */
function sqliteErrorOf(err: unknown): { code: string; message: string } | null {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (e instanceof Database.SqliteError || (typeof code === "string" && code.startsWith("SQLITE_")))
      return { code: String(code), message: e.message };
  }
  return null;
}

/** True for an error that says the database cannot save right now (as opposed to a bug or bad data). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseOpenError) return true;
  const sqlite = sqliteErrorOf(err);
  return sqlite !== null && UNAVAILABLE_CODES.test(sqlite.code);
}

/** Why, in words for logs and /api/health: "attempt to write a readonly database (SQLITE_READONLY)". */
export function unavailableReason(err: unknown): string {
  const sqlite = sqliteErrorOf(err);
  if (sqlite) return `${sqlite.message} (${sqlite.code})`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs a write that only keeps records (never what the caller asked for, e.g. an API key's last use): if it
 * fails for any reason it is skipped and reported through `onSkip`, so a read never fails because of it.
 */
export function bestEffortWrite(write: () => void, onSkip: (err: unknown) => void): void {
  try {
    write();
  } catch (err) {
    onSkip(err);
  }
}

/** A logger that says the same thing at most once per `everyMs` (a failing bookkeeping write on every request). */
export function throttledLog(
  everyMs: number,
  log: (message: string) => void = (m) => console.warn(m),
): (message: string) => void {
  let last = -Infinity;
  return (message) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    log(message);
  };
}

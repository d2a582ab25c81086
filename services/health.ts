import { DatabaseOpenError, type Db } from "@/db";
import { unavailableReason } from "@/db/unavailable";
import { pingDatabase, writeHeartbeat } from "@/db/writes/health";

export interface Health {
  status: "ok" | "error";
  /** read_only: the database answers but cannot save (read-only file or mount, full disk, I/O error). */
  database: "ok" | "read_only" | "unreachable";
  /** What SQLite said, when the database is not ok. */
  reason?: string;
  time: string;
}

/** A real write proves more than a read, but a monitor polling every second need not cost a write each time. */
const WRITE_PROBE_EVERY_MS = 2_000;
const lastWriteProbe = new WeakMap<Db, { at: number; error: string | null }>();

/** Commits the heartbeat at most every WRITE_PROBE_EVERY_MS and remembers the answer in between. */
function probeWrite(db: Db, now: number): string | null {
  const last = lastWriteProbe.get(db);
  if (last && now - last.at >= 0 && now - last.at < WRITE_PROBE_EVERY_MS) return last.error;
  let error: string | null = null;
  try {
    writeHeartbeat(db, now);
  } catch (err) {
    error = unavailableReason(err);
  }
  lastWriteProbe.set(db, { at: now, error });
  return error;
}

/** 200 when the database answers a query and takes a write; 503 with the reason when it cannot do either. */
export function checkHealth(getDb: () => Db, now = Date.now()): { httpStatus: 200 | 503; body: Health } {
  const time = new Date(now).toISOString();
  let db: Db;
  try {
    db = getDb();
    pingDatabase(db);
  } catch (err) {
    // The answer is public: say what failed, never where the file lives (the start-up log names the path).
    const reason = err instanceof DatabaseOpenError ? "The database file cannot be opened" : unavailableReason(err);
    return { httpStatus: 503, body: { status: "error", database: "unreachable", reason, time } };
  }
  const writeError = probeWrite(db, now);
  if (writeError)
    return {
      httpStatus: 503,
      body: { status: "error", database: "read_only", reason: `The database cannot write: ${writeError}`, time },
    };
  return { httpStatus: 200, body: { status: "ok", database: "ok", time } };
}

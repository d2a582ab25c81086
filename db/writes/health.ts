// The two statements /api/health runs: a read that proves the database answers, and the cheapest real write.
import { sql } from "drizzle-orm";
import type { Db } from "../index";

/** Throws what SQLite throws when the database cannot answer a query. */
export function pingDatabase(db: Db): void {
  db.get(sql`select 1`);
}

/** Commits a one-row heartbeat in app_state (a private table the page cache ignores). Throws on failure. */
export function writeHeartbeat(db: Db, now: number): void {
  db.run(sql`insert into app_state (key, value, updated_at) values ('health_heartbeat', ${String(now)}, ${now})
    on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`);
}

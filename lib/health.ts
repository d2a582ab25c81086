import { sql } from "drizzle-orm";
import type { Db } from "@/db";

export interface Health {
  status: "ok" | "error";
  database: "ok" | "unreachable";
  time: string;
}

/** 200 with the database answering a query, 503 when it cannot be opened or queried. */
export function checkHealth(getDb: () => Db, now = Date.now()): { httpStatus: 200 | 503; body: Health } {
  const time = new Date(now).toISOString();
  try {
    getDb().get(sql`select 1`);
    return { httpStatus: 200, body: { status: "ok", database: "ok", time } };
  } catch {
    return { httpStatus: 503, body: { status: "error", database: "unreachable", time } };
  }
}

// The better-sqlite3 connection under a drizzle transaction or database, for statements prepared once per
// connection (the monitor result path). Raw statements on it run inside the open transaction like drizzle's own.
import type Database from "better-sqlite3";
import type { Tx } from "./index";

export function connectionOf(tx: Tx): Database.Database {
  // Drizzle keeps the connection as `session.client` on the database and on every transaction.
  const client = (tx as unknown as { session?: { client?: Database.Database } }).session?.client;
  if (!client || typeof client.prepare !== "function") throw new Error("Not a better-sqlite3 connection");
  return client;
}

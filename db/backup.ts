// Raw rows of every table, for the installation export (services/backup): column values exactly as SQLite
// stores them (JSON columns stay text, blobs stay bytes), in rowid order, so an export of a restored copy is
// byte-identical to the export it was restored from.
import type { Db, Tx } from "./index";

export type RawValue = string | number | bigint | Buffer | null;
export type RawRow = Record<string, RawValue>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the schema (not SQLite's own, not the migration journal), in creation order. */
export function listTables(db: Db | Tx): string[] {
  return (db as Db).$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations' order by rowid",
    )
    .pluck()
    .all() as string[];
}

export interface ColumnInfo {
  name: string;
  notNull: boolean;
  hasDefault: boolean;
}

export function tableColumns(db: Db | Tx, table: string): ColumnInfo[] {
  return (
    (db as Db).$client.prepare(`select name, "notnull", dflt_value from pragma_table_info(?)`).all(table) as {
      name: string;
      notnull: number;
      dflt_value: string | null;
    }[]
  ).map((c) => ({ name: c.name, notNull: c.notnull === 1, hasDefault: c.dflt_value !== null }));
}

/** How many migrations this database has applied: the schema version an export was written at. */
export function appliedMigrations(db: Db): number {
  return db.$client.prepare("select count(*) from __drizzle_migrations").pluck().get() as number;
}

export function readRows(db: Db, table: string): RawRow[] {
  return db.$client.prepare(`select * from ${quote(table)} order by rowid`).all() as RawRow[];
}

export function countRows(db: Db, table: string): number {
  return db.$client
    .prepare(`select count(*) from ${quote(table)}`)
    .pluck()
    .get() as number;
}

/**
 * Replaces the content of the given tables with the given rows, in one transaction (foreign keys checked at
 * commit, so the order of tables does not matter). Tables not named are left as they are.
 */
/** Replaces the tables' rows in one transaction; `then` runs inside it last (the restore's own audit entry). */
export function replaceTables(db: Db, tables: Record<string, RawRow[]>, then?: () => void): void {
  const sqlite = db.$client;
  const names = Object.keys(tables);
  sqlite
    .transaction(() => {
      sqlite.pragma("defer_foreign_keys = on");
      for (const name of [...names].reverse()) sqlite.prepare(`delete from ${quote(name)}`).run();
      for (const name of names) {
        const rows = tables[name];
        if (!rows.length) continue;
        const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
        for (const row of rows) {
          const columns = Object.keys(row);
          const key = columns.join(",");
          let insert = statements.get(key);
          if (!insert) {
            insert = sqlite.prepare(
              `insert into ${quote(name)} (${columns.map(quote).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
            );
            statements.set(key, insert);
          }
          insert.run(columns.map((c) => row[c]));
        }
      }
      then?.();
    })
    .immediate();
}

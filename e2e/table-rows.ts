// Compares two SQLite files table by table and row by row, read-only: a restore that drops a table, a row or
// a value shows up here whatever the table is (e2e/restore-and-serve.spec.ts).
import Database from "better-sqlite3";

type Rows = Map<string, string[]>;

function readAll(file: string): Rows {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    // Every row as JSON, sorted: the order rows come back in is not part of what a restore must keep.
    return new Map(
      tables.map((t) => [
        t,
        (db.prepare(`select * from "${t.replace(/"/g, '""')}"`).all() as Record<string, unknown>[])
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

/** What `copy` lacks or has differently from `source`, one line per table ([] when it holds all of it). */
export function tableDifferences(source: string, copy: string): string[] {
  const want = readAll(source);
  const got = readAll(copy);
  const out: string[] = [];
  for (const [table, rows] of want) {
    const have = got.get(table);
    if (!have) {
      out.push(`${table}: missing (${rows.length} rows in the source)`);
      continue;
    }
    const present = new Set(have);
    const lost = rows.filter((r) => !present.has(r));
    const expected = new Set(rows);
    const extra = have.filter((r) => !expected.has(r));
    if (lost.length || extra.length || have.length !== rows.length)
      out.push(
        `${table}: ${rows.length} rows in the source, ${have.length} in the copy; ${lost.length} missing or changed` +
          (lost.length ? ` (first: ${lost[0].slice(0, 200)})` : ""),
      );
  }
  return out;
}

// `npm run admin -- export --out backup.json.gz` and `npm run admin -- import backup.json.gz`: the whole
// installation as one file, and back into an empty installation. See docs/installation-export.md.
import zlib from "node:zlib";
import type { Db } from "@/db";
import {
  appliedMigrations,
  countRows,
  listTables,
  readRows,
  replaceTables,
  tableColumns,
  type RawRow,
} from "@/db/backup";
import { insertAuditEntry } from "@/db/writes/audit";
import { newToken } from "@/core/ids";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportFileSchema,
  MAX_EXPORT_BYTES,
  NOT_EXPORTED,
  SECRET_CELLS,
  SECRET_COLUMNS,
  SECRET_ROWS,
  SECRET_TABLES,
  type ExportFile,
} from "./format";

export class BackupError extends Error {
  override name = "BackupError";
}

/** The tables an export holds: every table of the schema but those in NOT_EXPORTED (and the secret ones without secrets). */
export function exportedTables(db: Db, withSecrets: boolean): string[] {
  return listTables(db).filter((t) => !(t in NOT_EXPORTED) && (withSecrets || !SECRET_TABLES.includes(t)));
}

function toJsonRow(row: RawRow, drop: readonly string[]): Record<string, string | number | null | { $base64: string }> {
  const out: Record<string, string | number | null | { $base64: string }> = {};
  for (const [k, v] of Object.entries(row)) {
    if (drop.includes(k)) continue;
    out[k] = Buffer.isBuffer(v) ? { $base64: v.toString("base64") } : typeof v === "bigint" ? Number(v) : v;
  }
  return out;
}

const matches = (row: Record<string, unknown>, where: Record<string, string>) =>
  Object.entries(where).every(([k, v]) => row[k] === v);

/** A row without its secret cells (SECRET_CELLS), flagged disabled as of the export. */
function withoutSecretCells(table: string, row: ExportFile["tables"][string][number], at: number) {
  for (const cell of SECRET_CELLS[table] ?? [])
    if (matches(row, cell.where)) {
      delete row[cell.column];
      row[cell.disable] ??= at;
    }
  return row;
}

export function buildExport(db: Db, options: { withSecrets: boolean; now?: number }): ExportFile {
  const now = options.now ?? Date.now();
  const tables: ExportFile["tables"] = {};
  for (const t of exportedTables(db, options.withSecrets)) {
    const drop = options.withSecrets ? [] : (SECRET_COLUMNS[t] ?? []);
    const secretRows = options.withSecrets ? undefined : SECRET_ROWS[t];
    tables[t] = readRows(db, t)
      .filter((r) => !secretRows?.values.includes(String(r[secretRows.column])))
      .map((r) => toJsonRow(r, drop))
      .map((r) => (options.withSecrets ? r : withoutSecretCells(t, r, now)));
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    migrations: appliedMigrations(db),
    withSecrets: options.withSecrets,
    tables,
  };
}

/** The file's bytes: JSON, gzip-compressed (no timestamp in the gzip header, so equal content gives equal bytes). */
export function encodeExport(file: ExportFile): Buffer {
  return zlib.gzipSync(JSON.stringify(file), { level: 9 });
}

/** Reads an export, refusing with the reason a file that is truncated, newer than this version, or not ours. */
export function decodeExport(bytes: Buffer): ExportFile {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new BackupError(
      "This is not an installation export: it is not gzip-compressed (an export ends in .json.gz).",
    );
  let text: string;
  try {
    text = zlib.gunzipSync(bytes, { maxOutputLength: MAX_EXPORT_BYTES }).toString("utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE")
      throw new BackupError(`The export is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB uncompressed: refused.`);
    throw new BackupError(
      `The export is truncated or damaged (${code === "Z_BUF_ERROR" ? "the compressed data ends early" : (err as Error).message}): copy it again.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError("The export is truncated or damaged: its content is not complete JSON.");
  }
  const head = (json ?? {}) as Record<string, unknown>;
  if (head.format !== EXPORT_FORMAT)
    throw new BackupError(
      `This is not an installation export of this product (its "format" is ${JSON.stringify(head.format ?? null)}, expected "${EXPORT_FORMAT}").`,
    );
  if (typeof head.version === "number" && head.version > EXPORT_VERSION)
    throw new BackupError(
      `This export has format version ${head.version}, newer than this installation reads (${EXPORT_VERSION}): upgrade this installation first.`,
    );
  const parsed = exportFileSchema.safeParse(json);
  if (!parsed.success)
    throw new BackupError(
      `The export does not follow format version ${EXPORT_VERSION}: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  return parsed.data;
}

/** What makes an installation non-empty: anything a person made. A fresh start has only its page. */
const CONTENT_TABLES = ["components", "component_groups", "incidents", "subscribers", "users", "api_keys", "monitors"];

export interface RestoreResult {
  tables: number;
  rows: number;
  notes: string[];
}

export interface RestoreOptions {
  force: boolean;
  /** Who restores, for the audit entry (the command line: the command itself). */
  actorLabel?: string;
  now?: number;
}

/**
 * Restores an export. The restore writes one audit entry of its own after the file's rows (who, which file,
 * counts): the only row a round trip export -> import -> export adds (docs/installation-export.md).
 */
export function restoreExport(db: Db, file: ExportFile, options: RestoreOptions): RestoreResult {
  const ours = appliedMigrations(db);
  if (file.migrations > ours)
    throw new BackupError(
      `The export was written by a newer version (database schema ${file.migrations}, this one has ${ours}): upgrade this installation first.`,
    );
  const known = new Set(listTables(db));
  const unknown = Object.keys(file.tables).filter((t) => !known.has(t) || t in NOT_EXPORTED);
  if (unknown.length)
    throw new BackupError(`The export has tables this installation does not know: ${unknown.join(", ")}.`);
  if (!options.force) {
    const filled = CONTENT_TABLES.filter((t) => known.has(t) && countRows(db, t) > 0);
    if (filled.length)
      throw new BackupError(
        `This installation is not empty (it has ${filled.join(", ")}): import into a fresh database, or add --force to replace everything in it.`,
      );
  }
  const notes: string[] = [];
  const tables: Record<string, RawRow[]> = {};
  let rows = 0;
  for (const [name, list] of Object.entries(file.tables)) {
    const columns = new Map(tableColumns(db, name).map((c) => [c.name, c]));
    const extra = list.flatMap((r) => Object.keys(r)).find((k) => !columns.has(k));
    if (extra)
      throw new BackupError(`The export's table ${name} has a column this installation does not know: ${extra}.`);
    tables[name] = list.map((r) => {
      const row: RawRow = {};
      for (const [k, v] of Object.entries(r))
        row[k] = v !== null && typeof v === "object" ? Buffer.from(v.$base64, "base64") : v;
      // Credentials left out of an export without secrets: a password nobody can use, a new webhook key.
      if (name === "users" && !("password_hash" in row)) row.password_hash = "!";
      if (name === "subscribers" && row.kind === "webhook" && !("webhook_secret" in row))
        row.webhook_secret = newToken();
      return row;
    });
    rows += list.length;
  }
  // Without secrets, this installation keeps its own link-signing secret (or makes one on its next start).
  for (const [table, secret] of Object.entries(SECRET_ROWS))
    if (!file.withSecrets && tables[table])
      tables[table].push(...readRows(db, table).filter((r) => secret.values.includes(String(r[secret.column]))));
  if (!file.withSecrets)
    notes.push(
      "The export has no secrets: members set a password with npm run admin -- reset-password --email <address> and set up two-factor again; webhook subscribers were given new signing keys.",
    );
  notes.push(...secretCellNotes(file));
  // The whole installation is the file's: with --force, tables the file has no rows for are emptied too.
  if (options.force) for (const t of exportedTables(db, file.withSecrets)) if (!(t in tables)) tables[t] = [];
  try {
    replaceTables(db, tables, () =>
      insertAuditEntry(db, {
        at: options.now ?? Date.now(),
        actorType: "system",
        actorLabel: options.actorLabel ?? "npm run admin -- import",
        action: "installation.import",
        targetType: "installation",
        detail: {
          exportedAt: file.exportedAt,
          version: file.version,
          withSecrets: file.withSecrets,
          force: options.force,
          tables: Object.keys(file.tables).length,
          rows,
        },
      }),
    );
  } catch (err) {
    throw new BackupError(`The export could not be restored, nothing was changed: ${(err as Error).message}`);
  }
  return { tables: Object.keys(file.tables).length, rows, notes };
}

/** Rows whose secret cell the file left out (SECRET_CELLS): chat channels to add again, named. */
function secretCellNotes(file: ExportFile): string[] {
  const channels = (file.tables.subscribers ?? []).filter((r) =>
    SECRET_CELLS.subscribers.some((cell) => matches(r, cell.where) && !(cell.column in r)),
  );
  if (!channels.length) return [];
  const one = channels.length === 1;
  const names = channels.map((r) => `${r.chat_platform} channel${r.email ? ` of ${r.email}` : ` ${r.id}`}`);
  return [
    `${channels.length} chat channel${one ? " must" : "s must"} be added again (Subscribers -> Chat channels): ${
      one ? "its incoming-webhook URL is a secret" : "their incoming-webhook URLs are secrets"
    } this export left out (export with --with-secrets to keep ${one ? "it" : "them"}); ${
      one ? "it was" : "they were"
    } imported disabled: ${names.slice(0, 20).join(", ")}${channels.length > 20 ? ", ..." : ""}.`,
  ];
}

// The command-line side of services/backup/installation.ts: files in, files out, one line of outcome.
import fs from "node:fs";
import type { Db } from "@/db";
import { BackupError, buildExport, decodeExport, encodeExport, restoreExport } from "./installation";

export interface CommandResult {
  code: 0 | 1;
  out: string;
}

export function runInstallationExport(
  db: Db,
  out: string,
  options: { withSecrets: boolean; now?: number },
): CommandResult {
  const file = buildExport(db, options);
  const bytes = encodeExport(file);
  // Written beside the target and renamed: a failed write never leaves a half file under the real name.
  const temp = `${out}.partial`;
  try {
    fs.writeFileSync(temp, bytes, { mode: 0o600 });
    fs.renameSync(temp, out);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    return { code: 1, out: `Cannot write ${out}: ${(err as Error).message}` };
  }
  const rows = Object.values(file.tables).reduce((n, t) => n + t.length, 0);
  return {
    code: 0,
    out: `Exported ${rows} rows of ${Object.keys(file.tables).length} tables to ${out} (${bytes.length} bytes, format version ${file.version}, ${
      options.withSecrets ? "with password hashes and secrets: keep it safe" : "without password hashes and secrets"
    }).`,
  };
}

export function runInstallationImport(db: Db, path: string, options: { force: boolean }): CommandResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (err) {
    return { code: 1, out: `Cannot read ${path}: ${(err as Error).message}` };
  }
  try {
    const result = restoreExport(db, decodeExport(bytes), options);
    return {
      code: 0,
      out: [`Imported ${result.rows} rows of ${result.tables} tables from ${path}.`, ...result.notes].join("\n"),
    };
  } catch (err) {
    if (err instanceof BackupError) return { code: 1, out: `Refused ${path}, nothing was changed: ${err.message}` };
    throw err;
  }
}

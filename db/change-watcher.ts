// Notices writes made by other processes (the worker, CLI scripts, tests writing the file) so the page cache
// can drop what they made stale. A dedicated read-only connection asks SQLite's `PRAGMA data_version`,
// which changes whenever another connection commits and costs no disk read. Only when it changes do we
// read a fingerprint of the public tables, so writes to private tables (sessions, the outbox, rate limits)
// do not empty the cache.
import Database from "better-sqlite3";

const FINGERPRINT = `select
  (select count(*) || ':' || coalesce(max(updated_at), 0) from pages) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), 0) from component_groups) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), 0) from components) || '|' ||
  (select count(*) || ':' || coalesce(max(id), 0) from component_status_changes) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), 0) from incidents) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), 0) from incident_updates) || '|' ||
  (select count(*) from incident_components) || '|' ||
  (select count(*) from assets)`;

export interface ChangeWatcher {
  /** True when another connection committed a change to public content since the last call. */
  changed(): boolean;
  close(): void;
}

export function watchPublicChanges(file: string): ChangeWatcher {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 1000");
  const dataVersion = db.prepare("pragma data_version").pluck();
  const fingerprint = db.prepare(FINGERPRINT).pluck();
  let version = dataVersion.get() as number;
  let print = fingerprint.get() as string;
  return {
    changed() {
      const v = dataVersion.get() as number;
      if (v === version) return false;
      version = v;
      const next = fingerprint.get() as string;
      if (next === print) return false;
      print = next;
      return true;
    },
    close: () => db.close(),
  };
}

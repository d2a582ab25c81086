// Importing subscribers from a CSV file: `email[,components[,language]]`, a header row optional, components
// given by name or id (services or whole groups) separated by ";", empty meaning everything; the language is
// one of core/i18n/locales.ts (e.g. de, pt-BR), empty meaning the default.
//
// First a preview (what would be added, what merges, which lines are wrong), then the import itself, which
// reads and checks the text again from scratch (nothing the browser sends back is trusted) and writes all
// rows in one transaction, or none if any line has an error. Imported subscribers are active at once with
// origin "import": whoever imports asserts that these people agreed to receive the emails (for example, an
// existing mailing list). Addresses already on the list, in any state, are left as they are.
import type { Db, Tx } from "@/db";
import { type SubscriberState } from "@/db/constants";
import { getPageRow } from "@/db/queries/subscribers";
import { existingEmailStates, scopeCatalogue, type ScopeCatalogue } from "@/db/queries/subscriber-admin";
import { insertAuditEntry } from "@/db/writes/audit";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid } from "@/core/errors";
import { canManageSubscribers, emailAddress, MAX_SCOPE_ITEMS } from "./admin";
import { CsvSyntaxError, parseCsv } from "./csv";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "@/core/i18n/locales";

export const IMPORT_LIMITS = { bytes: 1024 * 1024, rows: 10_000 } as const;

export interface ImportRow {
  line: number;
  email: string;
  /** Component names in page terms; null: everything. */
  components: string[] | null;
  componentIds: string[];
  /** The language their emails use. */
  language: Locale;
}

export interface ImportPreview {
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  toAdd: ImportRow[];
  merged: { line: number; email: string; reason: string }[];
  errors: { line: number; message: string }[];
}

function assertMayImport(actor: Actor): void {
  if (!canManageSubscribers(actor))
    throw new DomainError("forbidden", "Managing subscribers needs the admin or owner role");
}

/** Checks the size before anything else; the text is UTF-8 as uploaded. */
function checkSize(text: string): void {
  if (Buffer.byteLength(text, "utf8") > IMPORT_LIMITS.bytes)
    throw invalid("file", `The file is larger than 1 MB; split it into smaller files`);
  if (text.trim() === "")
    throw invalid("file", "The file is empty. Put one address per line: email[,components[,language]]");
}

type Resolved = { ids: string[] } | { error: string };

/** A `;`-separated list of component or group names or ids, to component ids. */
function resolveNames(catalogue: ScopeCatalogue, cell: string): Resolved {
  const wanted = cell
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const want of wanted) {
    const key = want.toLowerCase();
    const byId = catalogue.components.find((c) => c.id === want);
    const group = catalogue.groups.find((g) => g.id === want);
    if (byId) {
      ids.add(byId.id);
      continue;
    }
    if (group) {
      catalogue.components.filter((c) => c.groupId === group.id).forEach((c) => ids.add(c.id));
      continue;
    }
    const named = catalogue.components.filter((c) => c.name.toLowerCase() === key);
    const namedGroups = catalogue.groups.filter((g) => g.name.toLowerCase() === key);
    if (named.length + namedGroups.length > 1) problems.push(`"${want}" names several services or groups; use its id`);
    else if (named.length === 1) ids.add(named[0].id);
    else if (namedGroups.length === 1)
      catalogue.components.filter((c) => c.groupId === namedGroups[0].id).forEach((c) => ids.add(c.id));
    else problems.push(`no service or group is called "${want}"`);
  }
  if (problems.length) return { error: problems.join("; ") };
  if (wanted.length > 0 && ids.size === 0) return { error: "the groups named have no services yet" };
  if (ids.size > MAX_SCOPE_ITEMS) return { error: `at most ${MAX_SCOPE_ITEMS} services per address` };
  return { ids: [...ids] };
}

/** "email", "Email address", "E-mail"...: a column title, not an address. */
const isHeader = (cell: string) => /^\s*e-?mail/i.test(cell) && !cell.includes("@");

function buildPreview(tx: Tx, pageId: string, text: string): ImportPreview {
  checkSize(text);
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      return { rows: 0, toAdd: [], merged: [], errors: [{ line: err.line, message: err.message }] };
    throw err;
  }
  if (records.length > 0 && isHeader(records[0].cells[0])) records = records.slice(1);
  if (records.length > IMPORT_LIMITS.rows) {
    throw invalid(
      "file",
      `The file has ${records.length.toLocaleString("en")} rows; at most ${IMPORT_LIMITS.rows.toLocaleString("en")} can be imported at once`,
    );
  }
  const catalogue = scopeCatalogue(tx, pageId);
  const names = new Map(catalogue.components.map((c) => [c.id, c.name]));
  const existing: Map<string, SubscriberState> = existingEmailStates(tx, pageId);
  const preview: ImportPreview = { rows: records.length, toAdd: [], merged: [], errors: [] };
  const seen = new Map<string, ImportRow>();
  for (const { line, cells } of records) {
    if (cells.length > 3) {
      preview.errors.push({
        line,
        message: "Too many columns: use email,components,language (quote names that contain commas)",
      });
      continue;
    }
    const languageCell = (cells[2] ?? "").trim();
    if (languageCell !== "" && !isLocale(languageCell)) {
      preview.errors.push({
        line,
        message: `Language: "${languageCell.slice(0, 20)}" is not one of ${LOCALES.join(", ")}`,
      });
      continue;
    }
    const language: Locale = isLocale(languageCell) ? languageCell : DEFAULT_LOCALE;
    const parsed = emailAddress.safeParse(cells[0]);
    if (!parsed.success) {
      preview.errors.push({ line, message: `${parsed.error.issues[0].message}: "${cells[0].trim().slice(0, 80)}"` });
      continue;
    }
    const email = parsed.data;
    const scope = (cells[1] ?? "").trim() === "" ? { ids: [] } : resolveNames(catalogue, cells[1]);
    if ("error" in scope) {
      preview.errors.push({ line, message: `Components: ${scope.error}` });
      continue;
    }
    const state = existing.get(email);
    if (state) {
      preview.merged.push({ line, email, reason: `already on the list (${state}); left as it is` });
      continue;
    }
    const first = seen.get(email);
    if (first) {
      // The same address twice: one subscription covering both lines' choices.
      if (first.componentIds.length > 0)
        first.componentIds = scope.ids.length === 0 ? [] : [...new Set([...first.componentIds, ...scope.ids])];
      first.components = first.componentIds.length === 0 ? null : first.componentIds.map((id) => names.get(id)!);
      preview.merged.push({ line, email, reason: `same address as line ${first.line}; merged into it` });
      continue;
    }
    const row: ImportRow = {
      line,
      email,
      componentIds: scope.ids,
      components: scope.ids.length === 0 ? null : scope.ids.map((id) => names.get(id)!),
      language,
    };
    seen.set(email, row);
    preview.toAdd.push(row);
  }
  if (preview.rows === 0)
    throw invalid("file", "The file has no addresses. Put one address per line: email[,components[,language]]");
  return preview;
}

function requirePageId(tx: Tx): string {
  const page = getPageRow(tx);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  return page.id;
}

/** What importing this text would do. Changes nothing. */
export function previewImport(db: Db, actor: Actor, text: string): ImportPreview {
  assertMayImport(actor);
  return buildPreview(db, requirePageId(db), text);
}

/**
 * Imports the text: checks it again, then adds every new address in one transaction, or nothing if any line
 * has an error (the preview then says which).
 */
export function importSubscribers(
  db: Db,
  actor: Actor,
  text: string,
  now = Date.now(),
): { imported: number; preview: ImportPreview } {
  assertMayImport(actor);
  return db.transaction((tx) => {
    const pageId = requirePageId(tx);
    const preview = buildPreview(tx, pageId, text);
    if (preview.errors.length > 0) return { imported: 0, preview };
    for (const row of preview.toAdd) {
      insertEmailSubscriber(tx, {
        pageId,
        email: row.email,
        state: "active",
        componentIds: row.componentIds,
        origin: "import",
        language: row.language,
        at: now,
      });
    }
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: "subscriber.import",
      targetType: null,
      targetId: null,
      detail: { added: preview.toAdd.length, merged: preview.merged.length, rows: preview.rows },
    });
    return { imported: preview.toAdd.length, preview };
  });
}

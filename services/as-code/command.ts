// `npm run admin -- apply <file> [--yes] [--prune]` and `npm run admin -- export [file]`: the command-line
// side of services/as-code, kept out of scripts/admin.ts so the script only dispatches.
import fs from "node:fs";
import type { Db } from "@/db";
import { getPage } from "@/db/queries/status-page";
import { SYSTEM, type Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { applyChanges, describeChanges, planStatusFile } from "./apply";
import { exportStatusFile } from "./export";
import { FileError, parseStatusFile } from "./file";

/** The command line acts as the system (as create-api-key does): whoever runs it on the server has the data anyway. */
const CLI: Actor = SYSTEM;

export interface CommandResult {
  code: 0 | 1;
  out: string;
}

const NO_PAGE: CommandResult = {
  code: 1,
  out: "The database has no page yet: start the server once (npm start), then run this again.",
};

export function runApply(db: Db, path: string, flags: { yes: boolean; prune: boolean }): CommandResult {
  if (!getPage(db)) return NO_PAGE;
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (err) {
    return { code: 1, out: `Cannot read ${path}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    const changes = planStatusFile(db, CLI, parseStatusFile(text), { prune: flags.prune });
    const plan = describeChanges(changes);
    if (!flags.yes || changes.length === 0)
      return { code: 0, out: changes.length ? `${plan}\n\nNothing applied: run again with --yes to apply.` : plan };
    const shown = applyChanges(db, changes);
    return { code: 0, out: [plan, "", `Applied ${changes.length} change(s).`, ...shown].join("\n") };
  } catch (err) {
    if (err instanceof FileError)
      return { code: 1, out: `${path} is not valid:\n${err.problems.map((p) => `  ${p}`).join("\n")}` };
    if (err instanceof DomainError)
      return {
        code: 1,
        out: `Refused, nothing was applied: ${err.message}${
          Object.keys(err.fields).length
            ? ` (${Object.entries(err.fields)
                .map(([f, m]) => `${f}: ${m}`)
                .join("; ")})`
            : ""
        }`,
      };
    throw err;
  }
}

export function runExport(db: Db): CommandResult {
  if (!getPage(db)) return NO_PAGE;
  return { code: 0, out: exportStatusFile(db) };
}

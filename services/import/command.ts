// `npm run admin -- import statuspage --page-id <id> --api-key <key> [--yes]` and `... --from-url <page>`:
// reads the whole source first (nothing is written while reading), prints the preview, and writes only with
// --yes. What is gone at the source is listed, and removed here only with --prune. STATUSPAGE_API_URL overrides the API's base URL (tests point it at the fake Statuspage).
import type { Db } from "@/db";
import { getPage } from "@/db/queries/status-page";
import { SYSTEM } from "@/core/actor";
import { getConfig } from "@/core/config";
import { applyImport } from "./apply";
import { SourceError } from "./errors";
import { describePlan } from "./describe";
import { planImport } from "./plan";
import { readPublicPage } from "./public-source";
import { readStatuspage, StatuspageClient, STATUSPAGE_PACE, type Pace } from "./statuspage-client";
import type { SourceData } from "./source";

export interface StatuspageImportOptions {
  pageId?: string;
  apiKey?: string;
  fromUrl?: string;
  yes: boolean;
  /** Also remove what an earlier import brought in and the source no longer has. */
  prune?: boolean;
  apiUrl?: string;
  pace?: Pace;
  log?: (line: string) => void;
}

export interface CommandResult {
  code: 0 | 1 | 2;
  out: string;
}

export async function runStatuspageImport(db: Db, options: StatuspageImportOptions): Promise<CommandResult> {
  if (!getPage(db))
    return { code: 1, out: "The database has no page yet: start the server once (npm start), then run this again." };
  if (!options.fromUrl && (!options.pageId || !options.apiKey))
    return {
      code: 2,
      out: "Give --page-id and --api-key (Statuspage: your profile, API info), or --from-url <public page> to read what it shows without a key.",
    };
  let data: SourceData;
  try {
    if (options.fromUrl) data = await readPublicPage(options.fromUrl);
    else {
      const base = options.apiUrl ?? getConfig().statuspageApiUrl;
      const client = new StatuspageClient(base, options.pageId!, options.apiKey!, options.pace ?? STATUSPAGE_PACE);
      data = await readStatuspage(client, options.pageId!, options.log);
      if (client.rateLimited) options.log?.(`Waited out ${client.rateLimited} rate-limit answers (429).`);
    }
  } catch (err) {
    if (err instanceof SourceError) return { code: 1, out: err.message };
    throw err;
  }
  const plan = planImport(db, data);
  const preview = describePlan(
    plan,
    options.prune ? "removed here by this import (--prune)" : "kept here: add --prune to remove them",
  );
  if (!options.yes) return { code: 0, out: `${preview}\n\nNothing written: run again with --yes to import.` };
  const { written } = applyImport(db, plan, SYSTEM, { prune: options.prune });
  return {
    code: 0,
    out: `${preview}\n\n${written.length ? `Imported: ${written.join("; ")}.` : "Nothing to import: everything is as the last import left it."}\nNobody was notified.`,
  };
}

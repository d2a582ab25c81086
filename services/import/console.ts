// Settings -> Import in the console: the same importer, in two steps. A preview reads the source and keeps
// what it read in memory under a random token (never the API key); the confirmation plans it again against
// the database as it is then, and writes it. A public URL is checked by the webhook SSRF guard first: the
// console must not become a way to make the server read private addresses; the page is then read from the
// addresses that check resolved and judged, never from a second lookup.
import type { Db } from "@/db";
import type { Actor } from "@/core/actor";
import { assertCan } from "@/core/actor";
import { getConfig } from "@/core/config";
import { newToken } from "@/core/ids";
import { checkWebhookUrl, type GuardOptions } from "@/services/webhooks/url-guard";
import { applyImport } from "./apply";
import { SourceError } from "./errors";
import { countActions, describePlan } from "./describe";
import { planImport } from "./plan";
import { readPublicPage } from "./public-source";
import type { SourceData } from "./source";
import { readStatuspage, StatuspageClient, STATUSPAGE_PACE } from "./statuspage-client";

const PREVIEW_TTL_MS = 30 * 60_000;
/** Previews kept at once (each holds a whole page in memory); the oldest goes first. */
const MAX_PREVIEWS = 3;
const previews = new Map<string, { data: SourceData; expires: number }>();

export type PreviewOutcome =
  { ok: true; token: string; preview: string } | { ok: false; field: string; message: string };

export async function previewConsoleImport(
  db: Db,
  actor: Actor,
  input: { pageId?: string; apiKey?: string; fromUrl?: string },
  guard: GuardOptions = {},
): Promise<PreviewOutcome> {
  assertCan(actor, "settings.write");
  assertCan(actor, "services.write");
  let data: SourceData;
  try {
    if (input.fromUrl) {
      const check = await checkWebhookUrl(input.fromUrl, {
        allowLoopback: guard.allowLoopback ?? getConfig().webhooksAllowLoopback,
        resolver: guard.resolver,
      });
      if (!check.ok) return { ok: false, field: "fromUrl", message: check.message };
      // One lookup: the reads connect to the addresses just checked (DNS rebinding cannot slip past).
      data = await readPublicPage(input.fromUrl, check.addresses);
    } else if (input.pageId && input.apiKey) {
      const client = new StatuspageClient(getConfig().statuspageApiUrl, input.pageId, input.apiKey, STATUSPAGE_PACE);
      data = await readStatuspage(client, input.pageId);
    } else
      return { ok: false, field: "pageId", message: "Give the page id and API key, or the address of a public page." };
  } catch (err) {
    if (err instanceof SourceError)
      return { ok: false, field: input.fromUrl ? "fromUrl" : "pageId", message: err.message.replace(/--/g, "") };
    throw err;
  }
  const now = Date.now();
  for (const [token, p] of previews) if (p.expires < now) previews.delete(token);
  while (previews.size >= MAX_PREVIEWS) previews.delete(previews.keys().next().value!);
  const token = newToken(18);
  previews.set(token, { data, expires: now + PREVIEW_TTL_MS });
  return {
    ok: true,
    token,
    preview: describePlan(planImport(db, data), "kept here unless you tick “Also remove what is gone at the source”"),
  };
}

export type ConfirmOutcome = { ok: true; summary: string } | { ok: false; message: string };

export function confirmConsoleImport(
  db: Db,
  actor: Actor,
  token: string,
  options: { prune: boolean; now?: number } = { prune: false },
): ConfirmOutcome {
  const now = options.now ?? Date.now();
  assertCan(actor, "settings.write");
  const kept = previews.get(token);
  if (!kept || kept.expires < now)
    return { ok: false, message: "This preview has expired or was already imported: preview again." };
  previews.delete(token);
  const plan = planImport(db, kept.data);
  const { written } = applyImport(db, plan, actor, { prune: options.prune, now });
  const c = countActions(plan);
  return {
    ok: true,
    summary: written.length
      ? `Imported ${written.join("; ")}. ${c.subscribers.create} new subscribers; nobody was notified.`
      : "Nothing to import: everything is as the last import left it.",
  };
}

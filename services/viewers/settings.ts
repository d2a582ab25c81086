// The console's audience settings: who may see the page, which email domains may sign in by link, which
// networks see the internal page without signing in, and which services and groups are internal. Admins only;
// every change is audited with the fields that changed (never the lists' contents beyond their sizes).
import { z } from "zod";
import type { Db } from "@/db";
import { ITEM_VISIBILITIES, PAGE_VISIBILITIES } from "@/db/constants";
import { getPage } from "@/db/queries/status-page";
import { setItemVisibilities, updateAudienceSettings } from "@/db/writes/viewers";
import { parseCidrList, parseDomainList } from "@/core/audience";
import { assertCan, type Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { normalizeNewlines, textCharacterProblem } from "@/core/text-input";
import { audit } from "@/services/console/audit";

const MAX_LIST_CHARS = 10_000;

const settingsInput = z.object({
  visibility: z.enum(PAGE_VISIBILITIES, { error: "Choose who may see the page." }),
  viewerEmailDomains: z.string().max(MAX_LIST_CHARS, { error: "That list is too long." }).default(""),
  viewerIpAllowlist: z.string().max(MAX_LIST_CHARS, { error: "That list is too long." }).default(""),
});

export function saveAudienceSettings(db: Db, actor: Actor, raw: unknown, now = Date.now()): void {
  assertCan(actor, "settings.write");
  const parsed = settingsInput.safeParse(raw);
  if (!parsed.success) {
    const fields = Object.fromEntries(
      Object.entries(z.flattenError(parsed.error).fieldErrors).map(([k, v]) => [k, (v as string[])[0]]),
    );
    throw new DomainError("invalid", "Please correct the fields marked below", fields);
  }
  const input = parsed.data;
  const fields: Record<string, string> = {};
  // Newlines separate entries; any other control character is refused.
  for (const key of ["viewerEmailDomains", "viewerIpAllowlist"] as const) {
    input[key] = normalizeNewlines(input[key]);
    const problem = textCharacterProblem(input[key].replaceAll("\t", " "), true);
    if (problem) fields[key] = problem;
  }
  const domains = parseDomainList(input.viewerEmailDomains);
  const cidrs = parseCidrList(input.viewerIpAllowlist);
  if (!fields.viewerEmailDomains && domains.errors.length)
    fields.viewerEmailDomains = domains.errors.map((e) => e.message).join(" ");
  if (!fields.viewerIpAllowlist && cidrs.errors.length)
    fields.viewerIpAllowlist = cidrs.errors.map((e) => e.message).join(" ");
  if (Object.keys(fields).length) throw new DomainError("invalid", "Please correct the fields marked below", fields);
  const before = getPage(db);
  db.transaction((tx) => {
    updateAudienceSettings(
      tx,
      {
        visibility: input.visibility,
        viewerEmailDomains: domains.entries.length ? domains.entries.join("\n") : null,
        viewerIpAllowlist: cidrs.entries.length ? cidrs.entries.join("\n") : null,
      },
      now,
    );
    audit(tx, actor, now, "page.audience_update", before ? { type: "page", id: before.id } : null, {
      visibility: input.visibility,
      previousVisibility: before?.visibility ?? null,
      emailDomains: domains.entries.length,
      allowListEntries: cidrs.entries.length,
    });
  });
}

const visibilityInput = z.object({
  groups: z.record(z.string().max(40), z.enum(ITEM_VISIBILITIES)),
  components: z.record(z.string().max(40), z.enum(ITEM_VISIBILITIES)),
});

export function saveItemVisibilities(db: Db, actor: Actor, raw: unknown, now = Date.now()): number {
  assertCan(actor, "settings.write");
  const parsed = visibilityInput.safeParse(raw);
  if (!parsed.success) throw new DomainError("invalid", "Choose public or internal for each service");
  const page = getPage(db);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  return db.transaction((tx) => {
    const changed = setItemVisibilities(tx, page.id, parsed.data, now);
    if (changed)
      audit(
        tx,
        actor,
        now,
        "page.visibility_update",
        { type: "page", id: page.id },
        {
          internal: [...Object.entries(parsed.data.groups), ...Object.entries(parsed.data.components)].filter(
            ([, v]) => v === "internal",
          ).length,
          changed,
        },
      );
    return changed;
  });
}

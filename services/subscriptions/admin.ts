// Managing email subscribers by hand, for the console and the management API: list, add, remove, export.
// (The CSV import is in import.ts.) Each function checks its actor here, in the data-access layer, whoever
// called it. Subscriber addresses are personal data, so seeing them needs the same role as changing them:
// an owner or admin member, or an admin API key. Tokens and secrets never leave this module.
//
// Removing deletes the subscriber (their choices and unsent messages go with it): the address is forgotten
// and can be added again. Adding an address that is already on the list, in any state (also unsubscribed
// or suppressed), is refused so that nobody who withdrew or bounced is signed back up by mistake.
import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/core/i18n/locales";
import type { Db, Tx } from "@/db";
import { LIMITS, SUBSCRIBER_STATES, type Audience, type SubscriberState } from "@/db/constants";
import { getEmailSubscriberByAddress, getPageRow } from "@/db/queries/subscribers";
import {
  allSubscribers,
  findSubscriberSummary,
  listSubscriberPage,
  scopeCatalogue,
  scopesOf,
  type ScopeCatalogue,
  type SubscriberFilter,
  type SubscriberSummary,
} from "@/db/queries/subscriber-admin";
import { insertAuditEntry } from "@/db/writes/audit";
import { deleteSubscriber, insertEmailSubscriber } from "@/db/writes/subscribers";
import { auditActor, type Actor } from "@/core/actor";
import { stillInternal } from "@/core/audience";
import { getConfig } from "@/core/config";
import { DomainError, invalid, notFound } from "@/core/errors";
import { isId } from "@/core/ids";
import { parseInput } from "@/services/incidents/schemas";
import { toCsv } from "./csv";
import { startConfirmation } from "./subscribe";

/** Who may see and manage subscribers. */
export function canManageSubscribers(actor: Actor): boolean {
  if (actor.type === "system") return true;
  return actor.type === "api_key" ? actor.role === "admin" : actor.role === "owner" || actor.role === "admin";
}

function assertMayManage(actor: Actor): void {
  if (!canManageSubscribers(actor))
    throw new DomainError("forbidden", "Managing subscribers needs the admin or owner role");
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
/** How many components (or groups) one subscription may name. */
export const MAX_SCOPE_ITEMS = 500;

export const emailAddress = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, { error: "Enter an email address" })
  .max(LIMITS.email, { error: `Use an address of at most ${LIMITS.email} characters` })
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com" }))
  .transform((s) => s.toLowerCase());

const idList = (what: string) =>
  z
    .array(z.string().refine(isId, { error: `Not a valid ${what} id` }), { error: `Give a list of ${what} ids` })
    .max(MAX_SCOPE_ITEMS, { error: `Choose at most ${MAX_SCOPE_ITEMS} ${what}s` })
    .default([]);

export const addSubscriberInput = z.object({
  email: emailAddress,
  /** Empty (with no groups): everything. */
  componentIds: idList("component"),
  /** A group stands for all of its components at the time of adding. */
  groupIds: idList("group"),
  /** "send": pending until they confirm by email; "confirmed": the admin vouches for consent, active at once. */
  confirmation: z.enum(["send", "confirmed"], { error: "Choose whether to send a confirmation email" }),
  /** The language of their emails (and of the confirmation email, when one is sent). */
  language: z.enum(LOCALES, { error: `Choose one of the languages: ${LOCALES.join(", ")}` }).default(DEFAULT_LOCALE),
});
export type AddSubscriberInput = z.input<typeof addSubscriberInput>;

export const listInput = z.object({
  search: z.string().trim().max(LIMITS.email).optional(),
  state: z.enum(SUBSCRIBER_STATES, { error: "Unknown state" }).optional(),
  page: z.coerce.number({ error: "Give a page number" }).int().min(1).max(1_000_000).default(1),
  perPage: z.coerce.number({ error: "Give a page size" }).int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type ListInput = z.input<typeof listInput>;

export interface SubscriberView {
  id: string;
  email: string;
  state: SubscriberState;
  origin: string;
  /** internal: also hears of internal incidents (signed up from the internal page). */
  audience: Audience;
  /** Internal, but the page's email domains no longer allow the address: it hears only the public part. */
  noLongerAllowed: boolean;
  /** null: everything. */
  components: { id: string; name: string }[] | null;
  createdAt: number;
  confirmedAt: number | null;
  language: Locale;
}

function requirePage(tx: Tx) {
  const page = getPageRow(tx);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  return page;
}

function views(db: Tx, rows: SubscriberSummary[]): SubscriberView[] {
  const scopes = scopesOf(
    db,
    rows.filter((r) => !r.allComponents).map((r) => r.id),
  );
  const page = getPageRow(db);
  const rule = {
    viewerEmailDomains: page?.viewerEmailDomains,
    viewerIpAllowlist: page?.viewerIpAllowlist,
    viewerOidc: getConfig().viewerOidc !== null,
  };
  return rows.map((r) => ({
    id: r.id,
    email: r.email ?? "",
    state: r.state,
    origin: r.origin,
    audience: r.audience,
    noLongerAllowed: r.audience === "internal" && !stillInternal(r, rule),
    components: r.allComponents ? null : (scopes.get(r.id) ?? []),
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    language: r.language,
  }));
}

/** One page of email subscribers, newest first. */
export function listSubscribers(db: Db, actor: Actor, raw: ListInput) {
  assertMayManage(actor);
  const input = parseInput(listInput, raw);
  const page = requirePage(db);
  const filter: SubscriberFilter = { kind: "email", search: input.search || undefined, state: input.state };
  const { total, rows } = listSubscriberPage(db, page.id, filter, input.perPage, (input.page - 1) * input.perPage);
  return {
    subscribers: views(db, rows),
    total,
    page: input.page,
    perPage: input.perPage,
    pageCount: Math.max(1, Math.ceil(total / input.perPage)),
  };
}

export function getSubscriberView(db: Db, actor: Actor, id: string): SubscriberView {
  assertMayManage(actor);
  const page = requirePage(db);
  const row = isId(id) ? findSubscriberSummary(db, page.id, id) : undefined;
  if (!row || row.kind !== "email") throw notFound("Subscriber");
  return views(db, [row])[0];
}

/** Component ids for a scope: the chosen components plus every component of the chosen groups. */
export function resolveScope(
  catalogue: ScopeCatalogue,
  componentIds: readonly string[],
  groupIds: readonly string[],
): { ids: string[]; unknownComponents: string[]; unknownGroups: string[] } {
  const live = new Set(catalogue.components.map((c) => c.id));
  const groups = new Set(catalogue.groups.map((g) => g.id));
  const unknownComponents = componentIds.filter((id) => !live.has(id));
  const unknownGroups = groupIds.filter((id) => !groups.has(id));
  const fromGroups = catalogue.components.filter((c) => c.groupId && groupIds.includes(c.groupId)).map((c) => c.id);
  return {
    ids: [...new Set([...componentIds.filter((id) => live.has(id)), ...fromGroups])],
    unknownComponents,
    unknownGroups,
  };
}

/** Adds one address by hand. An address already on the list (in any state) is refused and nothing changes. */
export function addSubscriber(
  db: Db,
  actor: Actor,
  raw: AddSubscriberInput,
  now = Date.now(),
): { id: string; state: "pending" | "active" } {
  assertMayManage(actor);
  const input = parseInput(addSubscriberInput, raw);
  const origin = actor.type === "api_key" ? "api" : "console";
  return db.transaction((tx) => {
    const page = requirePage(tx);
    const scope = resolveScope(scopeCatalogue(tx, page.id), input.componentIds, input.groupIds);
    if (scope.unknownComponents.length)
      throw invalid("componentIds", `Unknown or deleted service: ${scope.unknownComponents.join(", ")}`);
    if (scope.unknownGroups.length) throw invalid("groupIds", `Unknown group: ${scope.unknownGroups.join(", ")}`);
    if (input.groupIds.length > 0 && scope.ids.length === 0)
      throw invalid("groupIds", "The chosen groups have no services yet");
    const existing = getEmailSubscriberByAddress(tx, page.id, input.email);
    if (existing)
      throw new DomainError("conflict", `This address is already on the list (${existing.state})`, {
        email: `This address is already on the list (${existing.state}); nothing was changed`,
      });
    const id =
      input.confirmation === "send"
        ? startConfirmation(
            tx,
            page,
            null,
            { email: input.email, componentIds: scope.ids, origin, language: input.language },
            now,
          )
        : insertEmailSubscriber(tx, {
            pageId: page.id,
            email: input.email,
            state: "active",
            componentIds: scope.ids,
            origin,
            language: input.language,
            at: now,
          });
    const state = input.confirmation === "send" ? ("pending" as const) : ("active" as const);
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: "subscriber.add",
      targetType: "subscriber",
      targetId: id,
      detail: { email: input.email, state, components: scope.ids.length === 0 ? "all" : scope.ids.length },
    });
    return { id, state };
  });
}

/** Removes an email subscriber for good. */
export function removeSubscriber(db: Db, actor: Actor, id: string, now = Date.now()): SubscriberView {
  assertMayManage(actor);
  return db.transaction((tx) => {
    const page = requirePage(tx);
    const row = isId(id) ? findSubscriberSummary(tx, page.id, id) : undefined;
    if (!row || row.kind !== "email") throw notFound("Subscriber");
    const view = views(tx, [row])[0];
    deleteSubscriber(tx, id);
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: "subscriber.remove",
      targetType: "subscriber",
      targetId: id,
      detail: { email: row.email, state: row.state },
    });
    return view;
  });
}

const day = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());

/** Every email subscriber matching the filter, as CSV: email, state, scope, created, confirmed. */
export function exportSubscribersCsv(
  db: Db,
  actor: Actor,
  raw: Pick<ListInput, "search" | "state">,
  now = Date.now(),
): string {
  assertMayManage(actor);
  const input = parseInput(listInput.pick({ search: true, state: true }), raw);
  const page = requirePage(db);
  const list = views(
    db,
    allSubscribers(db, page.id, { kind: "email", search: input.search || undefined, state: input.state }),
  );
  db.transaction((tx) =>
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: "subscriber.export",
      targetType: null,
      targetId: null,
      detail: { count: list.length, state: input.state ?? "any" },
    }),
  );
  return toCsv([
    ["email", "state", "scope", "created", "confirmed"],
    ...list.map((s) => [
      s.email,
      s.state,
      s.components === null ? "everything" : s.components.map((c) => c.name).join("; "),
      day(s.createdAt),
      day(s.confirmedAt),
    ]),
  ]);
}

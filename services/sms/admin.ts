// SMS subscribers in the console: the list (state, scope, masked number) and removal. Checked here, in the
// data-access layer, like email subscribers: a phone number is personal data, so seeing even the masked list
// needs the role that manages subscribers. The full number never leaves this module, not even to the audit log.
import { z } from "zod";
import type { Db, Tx } from "@/db";
import type { SubscriberState } from "@/db/constants";
import { scopesOf } from "@/db/queries/subscriber-admin";
import { getSmsSubscriberRow, listSmsSubscriberPage } from "@/db/queries/sms";
import { getPageRow } from "@/db/queries/subscribers";
import { insertAuditEntry } from "@/db/writes/audit";
import { deleteSubscriber } from "@/db/writes/subscribers";
import { auditActor, type Actor } from "@/core/actor";
import { DomainError, notFound } from "@/core/errors";
import { isId } from "@/core/ids";
import { maskPhone } from "@/core/phone";
import type { Locale } from "@/core/i18n/locales";
import { parseInput } from "@/services/incidents/schemas";
import { canManageSubscribers, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/services/subscriptions/admin";

export interface SmsSubscriberView {
  id: string;
  maskedPhone: string;
  state: SubscriberState;
  paused: boolean;
  /** null: every service. */
  components: { id: string; name: string }[] | null;
  /** Every incident, or only major/critical ones and maintenance reminders (the default). */
  allImpacts: boolean;
  /** Set when the number follows one incident only. */
  follows: { id: string; name: string } | null;
  origin: string;
  createdAt: number;
  /** The language of its texts. */
  language: Locale;
}

const listInput = z.object({
  page: z.coerce.number({ error: "Give a page number" }).int().min(1).max(1_000_000).default(1),
  perPage: z.coerce.number({ error: "Give a page size" }).int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

function assertMayManage(actor: Actor) {
  if (!canManageSubscribers(actor))
    throw new DomainError("forbidden", "Managing subscribers needs the admin or owner role");
}

function pageIdOf(db: Tx): string {
  const page = getPageRow(db);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  return page.id;
}

export function listSmsSubscribers(db: Db, actor: Actor, raw: z.input<typeof listInput> = {}) {
  assertMayManage(actor);
  const input = parseInput(listInput, raw);
  const { total, rows } = listSmsSubscriberPage(db, pageIdOf(db), input.perPage, (input.page - 1) * input.perPage);
  const scopes = scopesOf(
    db,
    rows.filter((r) => !r.allComponents).map((r) => r.id),
  );
  const subscribers: SmsSubscriberView[] = rows.map((r) => ({
    id: r.id,
    maskedPhone: maskPhone(r.phone ?? ""),
    state: r.state,
    paused: r.pausedAt !== null,
    components: r.allComponents ? null : (scopes.get(r.id) ?? []),
    allImpacts: r.smsAllImpacts,
    follows: r.followIncidentId ? { id: r.followIncidentId, name: r.followIncidentName ?? "" } : null,
    origin: r.origin,
    createdAt: r.createdAt,
    language: r.language,
  }));
  return {
    subscribers,
    total,
    page: input.page,
    perPage: input.perPage,
    pageCount: Math.max(1, Math.ceil(total / input.perPage)),
  };
}

/** The masked number of one SMS subscriber, for the removal page; not found for anything else. */
export function getSmsSubscriberLabel(db: Db, actor: Actor, id: string): { id: string; maskedPhone: string } {
  assertMayManage(actor);
  const row = isId(id) ? getSmsSubscriberRow(db, pageIdOf(db), id) : undefined;
  if (!row) throw notFound("SMS subscriber");
  return { id: row.id, maskedPhone: maskPhone(row.phone ?? "") };
}

/** Deletes an SMS subscriber (its scope and unsent messages go with it); the number can sign up again. */
export function removeSmsSubscriber(db: Db, actor: Actor, id: string, now = Date.now()) {
  assertMayManage(actor);
  return db.transaction((tx) => {
    const row = isId(id) ? getSmsSubscriberRow(tx, pageIdOf(tx), id) : undefined;
    if (!row) throw notFound("SMS subscriber");
    deleteSubscriber(tx, id);
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: "subscriber.remove",
      targetType: "subscriber",
      targetId: id,
      detail: { phone: maskPhone(row.phone ?? ""), state: row.state, kind: "sms" },
    });
    return { id, maskedPhone: maskPhone(row.phone ?? "") };
  });
}

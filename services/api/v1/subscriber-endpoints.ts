// The management API's email subscriber endpoints: list, add, remove. Subscriber addresses are personal data,
// so all three need an admin key, as the console needs an admin or owner (services/subscriptions/admin.ts checks
// it again). Request bodies are camelCase like the other endpoints; responses are snake_case like Statuspage's.
import { z } from "zod";
import { SUBSCRIBER_STATES } from "@/db/constants";
import { DomainError } from "@/core/errors";
import { ID_PATTERN } from "@/core/ids";
import { DEFAULT_LOCALE, LOCALES } from "@/core/i18n/locales";
import {
  addSubscriber,
  getSubscriberView,
  listSubscribers,
  MAX_PAGE_SIZE,
  MAX_SCOPE_ITEMS,
  removeSubscriber,
  type SubscriberView,
} from "@/services/subscriptions/admin";
import type { Endpoint } from "./handler";

const isoMs = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
export const apiSubscriberSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN),
  email: z.string(),
  state: z.enum(SUBSCRIBER_STATES),
  /** How it was added: public, console, import or api. */
  origin: z.string(),
  /** The component ids chosen; null for everything. */
  components: z.array(z.string().regex(ID_PATTERN)).nullable(),
  created_at: isoMs,
  confirmed_at: isoMs.nullable(),
  /** The language of their emails: one of en, de, fr, es, nl, pt-BR, ja, ar. */
  language: z.enum(LOCALES),
});
const ONE = z.strictObject({ subscriber: apiSubscriberSchema });

function serialize(s: SubscriberView): z.output<typeof apiSubscriberSchema> {
  return {
    id: s.id,
    email: s.email,
    state: s.state,
    origin: s.origin,
    components: s.components === null ? null : s.components.map((c) => c.id),
    created_at: new Date(s.createdAt).toISOString(),
    confirmed_at: s.confirmedAt === null ? null : new Date(s.confirmedAt).toISOString(),
    language: s.language,
  };
}

export const addSubscriberBody = z.strictObject({
  email: z.string().max(1_000),
  /** Component ids; empty or omitted for everything. */
  components: z
    .array(z.string().regex(ID_PATTERN, { error: "Not a component id" }))
    .max(MAX_SCOPE_ITEMS)
    .default([]),
  /** true: active at once (you vouch for their consent); false: a confirmation email is sent and they are pending. */
  skipConfirmation: z.boolean().default(false),
  /** The language of their emails, the confirmation email included; omitted: the default language. */
  language: z.enum(LOCALES, { error: `Use one of: ${LOCALES.join(", ")}` }).default(DEFAULT_LOCALE),
});

/** The service's field names, as the API calls them. */
const API_FIELD: Record<string, string> = { componentIds: "components", perPage: "limit", search: "q" };

function renamed<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    throw new DomainError(
      err.code,
      err.message,
      Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [API_FIELD[k] ?? k, v])),
    );
  }
}

export const subscriberEndpoints = {
  listSubscribers: {
    method: "GET",
    path: "/api/v1/subscribers",
    summary: `List email subscribers, newest first (?state=pending|active|unsubscribed|suppressed, ?q= part of the address, ?page from 1, ?limit up to ${MAX_PAGE_SIZE})`,
    role: "admin",
    query: [
      {
        name: "state",
        description: "Only subscribers in this state",
        schema: { type: "string", enum: [...SUBSCRIBER_STATES] },
      },
      { name: "q", description: "Part of the address", schema: { type: "string", maxLength: 254 } },
      { name: "page", description: "Page number, from 1", schema: { type: "integer", minimum: 1 } },
      {
        name: "limit",
        description: "Subscribers per page",
        schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
      },
    ],
    responds: {
      status: 200,
      description: "One page of subscribers and the total that match",
      schema: z.strictObject({
        subscribers: z.array(apiSubscriberSchema),
        total: z.number().int(),
        page: z.number().int(),
        per_page: z.number().int(),
      }),
    },
    run: ({ db, actor, url }) => {
      const q = url.searchParams;
      const list = renamed(() =>
        listSubscribers(db, actor, {
          state: (q.get("state") || undefined) as never,
          search: q.get("q") || undefined,
          page: q.get("page") ?? undefined,
          perPage: q.get("limit") ?? undefined,
        }),
      );
      return {
        subscribers: list.subscribers.map(serialize),
        total: list.total,
        page: list.page,
        per_page: list.perPage,
      };
    },
  } satisfies Endpoint<undefined>,
  addSubscriber: {
    method: "POST",
    path: "/api/v1/subscribers",
    summary:
      "Add an email subscriber: pending with a confirmation email, or active at once with skipConfirmation (409 if the address is already on the list)",
    role: "admin",
    body: addSubscriberBody,
    responds: { status: 201, description: "The new subscriber", schema: ONE },
    run: ({ db, actor, body }) => {
      const { id } = renamed(() =>
        addSubscriber(db, actor, {
          email: body.email,
          componentIds: body.components,
          confirmation: body.skipConfirmation ? "confirmed" : "send",
          language: body.language,
        }),
      );
      return { subscriber: serialize(getSubscriberView(db, actor, id)) };
    },
  } satisfies Endpoint<typeof addSubscriberBody>,
  removeSubscriber: {
    method: "DELETE",
    path: "/api/v1/subscribers/{id}",
    summary: "Remove an email subscriber for good (the address may be added again later)",
    role: "admin",
    responds: { status: 200, description: "The subscriber as it was before removal", schema: ONE },
    run: ({ db, actor, params }) => ({ subscriber: serialize(removeSubscriber(db, actor, params.id)) }),
  } satisfies Endpoint<undefined>,
};

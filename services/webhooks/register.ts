// Registering a webhook, from the public subscribe page or the console. A new webhook is pending until its
// receiver answers a signed `ping` (sent through the outbox, in the webhook lane) with a 2xx: so a URL that
// hangs, refuses or does not exist never becomes a live endpoint that every event is tried against. The
// public flow is also rate-limited per IP and overall, has the honeypot of the email form, and every URL
// passes the SSRF guard. The signing secret is returned once, to be shown once; it is never displayed again.
import { createHash } from "node:crypto";
import { z } from "zod";
import { languageField } from "@/services/subscriptions/language";
import type { Db, Tx } from "@/db";
import { LIMITS } from "@/db/constants";
import { liveComponentIds } from "@/db/queries/lifecycle";
import { getPageRow } from "@/db/queries/subscribers";
import { webhookByUrl } from "@/db/queries/webhooks";
import { enqueueNotification } from "@/db/writes/outbox";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { deleteWebhookSubscriber, insertWebhookSubscriber } from "@/db/writes/webhooks";
import { isId } from "@/core/ids";
import { HOUR } from "@/core/time";
import {
  invalidField,
  invalidSignup,
  problemsFromFieldErrors,
  signupProblem,
  type InvalidSignup,
} from "@/core/signup-problems";
import { newWebhookSecret } from "./signature";
import { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH, type GuardOptions } from "./url-guard";

/** Anonymous registrations per hour: from one address, and from everyone together. */
export const WEBHOOK_LIMITS = { perIpPerHour: 3, publicPerHour: 20 };

export const webhookInputSchema = z.object({
  /** The language of the page it was posted from (missing or tampered: the default). */
  language: languageField,
  url: z
    .string()
    .trim()
    .max(MAX_WEBHOOK_URL_LENGTH + 1000, { error: "urlTooLong" }),
  email: z
    .string()
    .trim()
    .max(LIMITS.email, { error: "emailTooLong" })
    .pipe(z.union([z.literal(""), z.email({ error: "emailInvalidOptional" })]))
    .default(""),
  scope: z.enum(["all", "some"]).default("all"),
  componentIds: z
    .array(z.string().refine(isId, { error: "componentInvalid" }))
    .max(500)
    .default([]),
});
export type WebhookInput = z.input<typeof webhookInputSchema>;

/** The schema's messages are problem codes (core/signup-problems.ts); these are the values their words need. */
export const WEBHOOK_PROBLEM_VALUES = {
  urlTooLong: { max: MAX_WEBHOOK_URL_LENGTH },
  emailTooLong: { max: LIMITS.email },
};

/** The schema's refusal as problems, for this form and the chat one (whose schema extends this one). */
export function schemaProblems(error: z.ZodError): InvalidSignup {
  return invalidSignup(
    problemsFromFieldErrors(z.flattenError(error).fieldErrors as Record<string, string[]>, WEBHOOK_PROBLEM_VALUES),
  );
}

export type RegisterResult =
  | {
      status: "created";
      id: string;
      secret: string;
      url: string;
      /** Waiting for its verification ping. */ pending: true;
    }
  | InvalidSignup
  | { status: "too-many" };

const hash = (value: string) => createHash("sha256").update(value).digest("hex");

/** Validates and, if everything is right, creates the webhook. The URL is checked against DNS here. */
export async function registerWebhook(
  db: Db,
  raw: WebhookInput,
  options: GuardOptions & {
    origin: "public" | "console" | "api";
    now?: number;
    beforeInsert?: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => boolean;
  },
): Promise<RegisterResult> {
  const parsed = webhookInputSchema.safeParse(raw);
  if (!parsed.success) return schemaProblems(parsed.error);
  const input = parsed.data;
  const componentIds = input.scope === "all" ? [] : [...new Set(input.componentIds)];
  if (input.scope === "some" && componentIds.length === 0)
    return invalidField("componentIds", signupProblem("componentsNone"));
  const check = await checkWebhookUrl(input.url, options);
  if (!check.ok) return invalidField("url", check.problem);
  const url = check.url.href;
  const now = options.now ?? Date.now();
  const page = getPageRow(db)!;
  return db.transaction((tx): RegisterResult => {
    if (componentIds.length > 0 && liveComponentIds(tx, page.id, componentIds).size !== componentIds.length) {
      return invalidField("componentIds", signupProblem("componentsGone"));
    }
    const existing = webhookByUrl(tx, page.id, url);
    // Never hand out a second secret for a URL someone already registered: it would let the caller sign
    // requests to that receiver. An unsubscribed one may be registered afresh.
    if (existing?.state === "active") return invalidField("url", signupProblem("webhookTaken"));
    // A pending one too, except a public registration from the public form (whoever lost its secret before
    // the ping was answered may start again; the old secret never signed anything but that ping).
    if (existing?.state === "pending" && !(existing.origin === "public" && options.origin === "public")) {
      return invalidField("url", signupProblem("webhookPending"));
    }
    if (options.beforeInsert && !options.beforeInsert(tx)) return { status: "too-many" };
    if (existing) deleteWebhookSubscriber(tx, existing.id);
    const secret = newWebhookSecret();
    const id = insertWebhookSubscriber(tx, {
      pageId: page.id,
      url,
      secret,
      email: input.email || null,
      componentIds,
      origin: options.origin,
      at: now,
      state: "pending",
      language: input.language,
    });
    enqueueWebhookVerification(tx, page.id, id, now);
    return { status: "created", id, secret, url, pending: true };
  });
}

/**
 * The public form: honeypot, then the per-IP limit (counted before validation, so nobody can make us resolve
 * host names of their choosing without limit), then the same checks as the console, then the overall limit.
 */
export async function requestWebhookSubscription(
  db: Db,
  raw: WebhookInput & { website?: string },
  ip: string,
  options: GuardOptions & { now?: number } = {},
): Promise<RegisterResult> {
  const now = options.now ?? Date.now();
  // A bot filled the invisible field: answer like a success, store nothing (the secret is random and unused).
  if ((raw.website ?? "") !== "")
    return { status: "created", id: "", secret: newWebhookSecret(), url: String(raw.url ?? ""), pending: true };
  const ipAllowed = db.transaction((tx) =>
    consumeRateLimit(tx, `webhook:ip:${hash(ip).slice(0, 32)}`, WEBHOOK_LIMITS.perIpPerHour, HOUR, now),
  );
  if (!ipAllowed) return { status: "too-many" };
  return registerWebhook(db, raw, {
    ...options,
    origin: "public",
    now,
    beforeInsert: (tx) => consumeRateLimit(tx, "webhook:registrations", WEBHOOK_LIMITS.publicPerHour, HOUR, now),
  });
}

/** Queues the ping that verifies a pending webhook (again, when the console asks). */
export function enqueueWebhookVerification(tx: Tx, pageId: string, subscriberId: string, at: number): string {
  return enqueueNotification(tx, { pageId, kind: "webhook_verification", subscriberId, at });
}

// The console's webhook subscribers: list, add (the secret is returned once), remove, re-enable. Admins and
// owners only: every function checks the role itself, whatever the page or action did before.
import type { Db } from "@/db";
import { getWebhookSubscriber, listWebhooks } from "@/db/queries/webhooks";
import { deleteWebhookSubscriber, reenableWebhook } from "@/db/writes/webhooks";
import type { Actor } from "@/core/actor";
import { canManageSubscribers } from "@/services/subscriptions/admin";
import {
  enqueueWebhookVerification,
  registerWebhook,
  type RegisterResult,
  type WebhookInput,
} from "@/services/webhooks/register";
import type { GuardOptions } from "@/services/webhooks/url-guard";
import { audit } from "./audit";

/** Webhooks are subscribers: the same people (and admin keys) manage both. */
export type WebhookActor = Actor;

type Refusal = { ok: false; message: string };
const FORBIDDEN: Refusal = { ok: false, message: "Only admins and owners can manage webhooks." };
const allowed = (actor: WebhookActor) => actor.type !== "system" && canManageSubscribers(actor);

export function webhooksForConsole(db: Db, actor: WebhookActor, pageId: string) {
  if (!allowed(actor)) throw new Error("Only admins and owners can see webhooks.");
  return listWebhooks(db, pageId);
}

export async function addWebhook(
  db: Db,
  actor: WebhookActor,
  input: WebhookInput,
  options: GuardOptions & { now: number },
): Promise<RegisterResult | Refusal> {
  if (!allowed(actor)) return FORBIDDEN;
  const result = await registerWebhook(db, input, { ...options, origin: "console" });
  if (result.status === "created") {
    // Never the secret in the audit log.
    audit(db, actor, options.now, "webhook.create", { type: "subscriber", id: result.id }, { url: result.url });
  }
  return result;
}

export function removeWebhook(
  db: Db,
  actor: WebhookActor,
  id: string,
  now: number,
): { ok: true; url: string } | Refusal {
  if (!allowed(actor)) return FORBIDDEN;
  return db.transaction((tx) => {
    const webhook = getWebhookSubscriber(tx, id);
    if (!webhook) return { ok: false as const, message: "This webhook was already removed." };
    deleteWebhookSubscriber(tx, id);
    audit(tx, actor, now, "webhook.delete", { type: "subscriber", id }, { url: webhook.webhookUrl });
    return { ok: true as const, url: webhook.webhookUrl ?? "" };
  });
}

export function enableWebhook(
  db: Db,
  actor: WebhookActor,
  id: string,
  now: number,
): { ok: true; url: string } | Refusal {
  if (!allowed(actor)) return FORBIDDEN;
  return db.transaction((tx) => {
    const webhook = getWebhookSubscriber(tx, id);
    if (!webhook) return { ok: false as const, message: "This webhook no longer exists." };
    if (!reenableWebhook(tx, id, now)) return { ok: false as const, message: "This webhook is not disabled." };
    audit(tx, actor, now, "webhook.enable", { type: "subscriber", id }, { url: webhook.webhookUrl });
    return { ok: true as const, url: webhook.webhookUrl ?? "" };
  });
}

/** Sends the verification ping of a pending webhook again (its receiver was down, or fixed since). */
export function resendWebhookVerification(
  db: Db,
  actor: WebhookActor,
  id: string,
  now: number,
): { ok: true; url: string } | Refusal {
  if (!allowed(actor)) return FORBIDDEN;
  return db.transaction((tx) => {
    const webhook = getWebhookSubscriber(tx, id);
    if (!webhook || webhook.state === "unsubscribed")
      return { ok: false as const, message: "This webhook no longer exists." };
    if (webhook.state !== "pending") return { ok: false as const, message: "This webhook is already verified." };
    enqueueWebhookVerification(tx, webhook.pageId, id, now);
    audit(tx, actor, now, "webhook.verify", { type: "subscriber", id }, { url: webhook.webhookUrl });
    return { ok: true as const, url: webhook.webhookUrl ?? "" };
  });
}

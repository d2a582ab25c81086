// Adding a chat channel, from the public subscribe page or the console. The URL must be on its platform's
// hosts (core/chat-hosts.ts) and pass the SSRF guard; then one verification message is posted to it, and only
// when the platform accepts it (2xx) is the channel stored, active. A deleted webhook (404/410), another
// error or no answer is refused there and then with what the platform said, and nothing is kept. The public
// flow is rate-limited per IP and overall before anything is posted, and has the email form's honeypot.
import { createHash } from "node:crypto";
import { z } from "zod";
import { languageField } from "@/services/subscriptions/language";
import type { Db, Tx } from "@/db";
import { CHAT_PLATFORM_LABELS, CHAT_PLATFORMS, type ChatPlatform } from "@/db/constants";
import { chatByUrl } from "@/db/queries/chat";
import { liveComponentIds } from "@/db/queries/lifecycle";
import { getPageRow } from "@/db/queries/subscribers";
import { deleteChatSubscriber, insertChatSubscriber } from "@/db/writes/chat";
import { ensureAppSecret } from "@/db/writes/page";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { chatUrlCheck } from "@/core/chat-hosts";
import { getConfig } from "@/core/config";
import { newId } from "@/core/ids";
import { HOUR } from "@/core/time";
import type { PostResult } from "@/services/webhooks/send";
import { invalidField, signupProblem, type InvalidSignup, type SignupProblem } from "@/core/signup-problems";
import { schemaProblems, webhookInputSchema } from "@/services/webhooks/register";
import { parseWebhookUrl } from "@/services/webhooks/url-guard";
import { chatUnsubscribeUrl } from "./deliver";
import { verificationMessage } from "./message";
import { chatPayload } from "./platforms";
import { isGone, postChat, type ChatSendOptions } from "./send";

/** Anonymous channels per hour: from one address, and from everyone together (each costs a POST). */
export const CHAT_LIMITS = { perIpPerHour: 3, publicPerHour: 20 };
/** The verification POST waits at most this long: the visitor is waiting for the answer. */
export const VERIFY_TIMEOUT_MS = 8000;

/** A webhook's fields (URL, owner's address, scope), the platform to post in, and the page's language. */
export const chatInputSchema = webhookInputSchema.extend({
  /** The language of the page it was posted from (missing or tampered: the default). */
  language: languageField,
  platform: z.enum(CHAT_PLATFORMS, { error: "platformNone" }),
});
/** What a form posts: the platform is checked by the schema like everything else. */
export type ChatInput = Omit<z.input<typeof chatInputSchema>, "platform"> & { platform?: string };

export type ChatRegisterResult =
  { status: "created"; id: string; platform: ChatPlatform } | InvalidSignup | { status: "too-many" };

const hash = (value: string) => createHash("sha256").update(value).digest("hex");

export interface ChatRegisterOptions extends ChatSendOptions {
  origin: "public" | "console";
  now?: number;
  publicUrl?: string;
  /** Counted just before the verification POST (the overall public limit). */
  beforePost?: (tx: Tx) => boolean;
}

/** Why the verification message was not accepted. What the platform or the network said stays as it came. */
function verificationProblem(platform: ChatPlatform, result: PostResult): SignupProblem {
  const name = CHAT_PLATFORM_LABELS[platform];
  if (isGone(result)) return signupProblem("chatGone", { platform: name, status: result.statusCode! });
  if (result.statusCode !== null)
    return signupProblem("chatRefused", { platform: name, reason: result.error ?? `HTTP ${result.statusCode}` });
  return result.error
    ? signupProblem("chatUnreachable", { platform: name, reason: result.error })
    : signupProblem("chatNoAnswer", { platform: name });
}

export async function registerChat(db: Db, raw: ChatInput, options: ChatRegisterOptions): Promise<ChatRegisterResult> {
  const parsed = chatInputSchema.safeParse(raw);
  if (!parsed.success) return schemaProblems(parsed.error);
  const input = parsed.data;
  const componentIds = input.scope === "all" ? [] : [...new Set(input.componentIds)];
  if (input.scope === "some" && componentIds.length === 0)
    return invalidField("componentIds", signupProblem("componentsNone"));
  const syntax = parseWebhookUrl(input.url);
  if (!syntax.ok) return invalidField("url", syntax.problem);
  const hostProblem = chatUrlCheck(input.platform, syntax.url, CHAT_PLATFORM_LABELS, options);
  if (hostProblem) return invalidField("url", hostProblem);
  const url = syntax.url.href;
  const now = options.now ?? Date.now();
  const page = getPageRow(db)!;
  if (componentIds.length > 0 && liveComponentIds(db, page.id, componentIds).size !== componentIds.length)
    return invalidField("componentIds", signupProblem("componentsGone"));
  if (chatByUrl(db, page.id, url)?.state === "active") return invalidField("url", signupProblem("chatTaken"));
  if (options.beforePost && !db.transaction((tx) => options.beforePost!(tx))) return { status: "too-many" };

  const id = newId();
  const base = (page.url ?? options.publicUrl ?? getConfig().publicUrl).replace(/\/+$/, "");
  const secret = ensureAppSecret(db, now);
  const payload = chatPayload(input.platform, verificationMessage(page, base, now, input.language), {
    unsubscribe: chatUnsubscribeUrl(base, secret, { id, tokenVersion: 1 }),
  });
  const result = await postChat(input.platform, url, payload, { timeoutMs: VERIFY_TIMEOUT_MS, ...options });
  if (!result.ok) return invalidField("url", verificationProblem(input.platform, result));

  return db.transaction((tx): ChatRegisterResult => {
    const existing = chatByUrl(tx, page.id, url);
    // Someone else connected it while the test message was on its way.
    if (existing?.state === "active") return invalidField("url", signupProblem("chatTakenJustNow"));
    if (existing) deleteChatSubscriber(tx, existing.id);
    insertChatSubscriber(tx, {
      id,
      pageId: page.id,
      platform: input.platform,
      url,
      email: input.email || null,
      componentIds,
      origin: options.origin,
      at: now,
      language: input.language,
    });
    return { status: "created", id, platform: input.platform };
  });
}

/**
 * The public form: honeypot, then the per-IP limit (before validation, so nobody can make us resolve names
 * or post without limit), then the same checks as the console, with the overall limit before the POST.
 */
export async function requestChatSubscription(
  db: Db,
  raw: ChatInput & { website?: string },
  ip: string,
  options: Omit<ChatRegisterOptions, "origin" | "beforePost"> = {},
): Promise<ChatRegisterResult> {
  const now = options.now ?? Date.now();
  const platform = CHAT_PLATFORMS.find((p) => p === raw.platform) ?? "slack";
  // A bot filled the invisible field: answer like a success, store and post nothing.
  if ((raw.website ?? "") !== "") return { status: "created", id: "", platform };
  const ipAllowed = db.transaction((tx) =>
    consumeRateLimit(tx, `chat:ip:${hash(ip).slice(0, 32)}`, CHAT_LIMITS.perIpPerHour, HOUR, now),
  );
  if (!ipAllowed) return { status: "too-many" };
  return registerChat(db, raw, {
    ...options,
    origin: "public",
    now,
    beforePost: (tx) => consumeRateLimit(tx, "chat:registrations", CHAT_LIMITS.publicPerHour, HOUR, now),
  });
}

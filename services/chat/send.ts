// One POST to a chat channel: the URL is checked again each time (its platform's hosts, then the SSRF guard,
// the connection pinned to the checked addresses, as for webhooks: services/webhooks/send.ts does the POST).
import { CHAT_PLATFORM_LABELS, type ChatPlatform } from "@/db/constants";
import { chatUrlProblem } from "@/core/chat-hosts";
import { postWebhook, type PostRequest, type PostResult } from "@/services/webhooks/send";
import { checkWebhookUrl, parseWebhookUrl, type Resolver } from "@/services/webhooks/url-guard";

export const CHAT_USER_AGENT = "StatusPage-Chat/1.0";

export interface ChatSendOptions {
  allowLoopback?: boolean;
  resolver?: Resolver;
  timeoutMs?: number;
  /** The HTTP client; the schedule's unit tests pass a fake one, the integration tests the real one. */
  post?: (request: PostRequest) => Promise<PostResult>;
}

export async function postChat(
  platform: ChatPlatform,
  rawUrl: string,
  payload: object,
  options: ChatSendOptions,
): Promise<PostResult> {
  const parsed = parseWebhookUrl(rawUrl);
  if (!parsed.ok) return { ok: false, statusCode: null, error: parsed.message };
  const problem = chatUrlProblem(platform, parsed.url, CHAT_PLATFORM_LABELS, { allowLoopback: options.allowLoopback });
  if (problem) return { ok: false, statusCode: null, error: problem };
  const check = await checkWebhookUrl(rawUrl, { allowLoopback: options.allowLoopback, resolver: options.resolver });
  if (!check.ok) return { ok: false, statusCode: null, error: check.message };
  return (options.post ?? postWebhook)({
    url: check.url,
    addresses: check.addresses,
    body: JSON.stringify(payload),
    timeoutMs: options.timeoutMs,
    headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": CHAT_USER_AGENT },
  });
}

/** 404 and 410: the platform says the webhook was deleted. Nothing will ever arrive there again. */
export const isGone = (result: PostResult) => result.statusCode === 404 || result.statusCode === 410;

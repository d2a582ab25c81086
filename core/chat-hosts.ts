// Where each chat platform's incoming webhooks live. A chat URL must be on its platform's documented hosts and
// paths, so the form cannot be used to make us POST to anything else (the SSRF guard still checks every
// address, as for webhooks). The lists, and where they come from:
// - Slack incoming webhooks: https://hooks.slack.com/services/T…/B…/… (api.slack.com/messaging/webhooks).
// - Microsoft Teams workflows ("When a Teams webhook request is received", Power Automate): the older form
//   https://prod-NN.<region>.logic.azure.com:443/workflows/<id>/triggers/manual/paths/invoke?…&sig=…, the
//   current form https://<env>.NN.environment.api.powerplatform.com:443/powerautomate/automations/direct/
//   workflows/<id>/triggers/manual/paths/invoke?…&sig=… (Office 365 connectors are retired and not accepted).
// - Discord: https://discord.com/api/webhooks/<id>/<token> (also discordapp.com, ptb. and canary.;
//   discord.com/developers/docs/resources/webhook).
// - Google Chat: https://chat.googleapis.com/v1/spaces/<space>/messages?key=…&token=…
//   (developers.google.com/workspace/chat/quickstart/webhooks).
// WEBHOOKS_ALLOW_LOOPBACK (tests only) also lets http(s)://127.0.0.1 and [::1] through, any path.
import type { ChatPlatform } from "@/db/constants";
import { problemText, signupProblem, type SignupProblem } from "./signup-problems";

interface HostRule {
  /** Exact host names, or suffixes starting with a dot. */
  hosts: readonly string[];
  path: RegExp;
  /** The form's hint and the error message: what a right URL looks like. */
  example: string;
}

export const CHAT_HOST_RULES: Record<ChatPlatform, HostRule> = {
  slack: {
    hosts: ["hooks.slack.com"],
    path: /^\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/?$/,
    example: "https://hooks.slack.com/services/T000/B000/XXXX",
  },
  teams: {
    hosts: [".logic.azure.com", ".environment.api.powerplatform.com"],
    path: /^(?:\/powerautomate\/automations\/direct)?\/workflows\/[A-Za-z0-9-]+\/triggers\/[A-Za-z0-9_-]+\/paths\/invoke\/?$/,
    example:
      "https://….environment.api.powerplatform.com/powerautomate/automations/direct/workflows/…/triggers/manual/paths/invoke?…",
  },
  discord: {
    hosts: ["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"],
    path: /^\/api(?:\/v\d+)?\/webhooks\/\d+\/[A-Za-z0-9_-]+\/?$/,
    example: "https://discord.com/api/webhooks/123…/abc…",
  },
  google_chat: {
    hosts: ["chat.googleapis.com"],
    path: /^\/v1\/spaces\/[A-Za-z0-9_-]+\/messages\/?$/,
    example: "https://chat.googleapis.com/v1/spaces/AAAA…/messages?key=…&token=…",
  },
};

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "::1"]);

const hostMatches = (host: string, rule: HostRule) =>
  rule.hosts.some((h) => (h.startsWith(".") ? host.endsWith(h) && host.length > h.length : host === h));

/** Which platform a URL's host belongs to, if any (to tell someone they chose the wrong one). */
export function platformOfHost(url: URL): ChatPlatform | null {
  const host = url.hostname.toLowerCase();
  for (const [platform, rule] of Object.entries(CHAT_HOST_RULES))
    if (hostMatches(host, rule)) return platform as ChatPlatform;
  return null;
}

/**
 * Whether `url` is an incoming-webhook URL of `platform`. Null when it is; otherwise the problem for the
 * form, naming what a right one looks like.
 */
export function chatUrlCheck(
  platform: ChatPlatform,
  url: URL,
  labels: Record<ChatPlatform, string>,
  options: { allowLoopback?: boolean } = {},
): SignupProblem | null {
  const host = url.hostname.toLowerCase();
  if (options.allowLoopback && LOOPBACK_HOSTS.has(host)) return null;
  const rule = CHAT_HOST_RULES[platform];
  const name = labels[platform];
  if (!hostMatches(host, rule)) {
    const other = platformOfHost(url);
    if (other && other !== platform)
      return signupProblem("chatOtherPlatform", { other: labels[other], platform: name });
    return signupProblem("chatNotPlatform", { platform: name, example: rule.example });
  }
  if (url.protocol !== "https:") return signupProblem("chatNotHttps", { platform: name });
  if (url.port !== "" && url.port !== "443") return signupProblem("chatPort", { platform: name });
  if (!rule.path.test(url.pathname)) return signupProblem("chatPath", { platform: name, example: rule.example });
  return null;
}

/** The same check in English words (the console, the delivery log), or null when the URL is right. */
export function chatUrlProblem(
  platform: ChatPlatform,
  url: URL,
  labels: Record<ChatPlatform, string>,
  options: { allowLoopback?: boolean } = {},
): string | null {
  const problem = chatUrlCheck(platform, url, labels, options);
  return problem && problemText(problem);
}

/**
 * A chat URL as the console, emails and pages show it: host and the first path segment only. The rest is
 * the webhook's secret (whoever has the whole URL can post to the channel), so it is never shown again.
 */
export function maskChatUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const first = url.pathname.split("/").filter(Boolean)[0];
    return `${url.host}/${first ? `${first}/` : ""}…`;
  } catch {
    return "…";
  }
}

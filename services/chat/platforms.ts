// Each platform's native message, drawn from the neutral ChatMessage, inside the platform's documented limits.
// Every limit names its source (one file per platform under payloads/); whatever is too long is shortened with
// a link (shorten.ts), and lists that are too long end with "and N more", so a message is never refused for
// its size.
import type { ChatPlatform } from "@/db/constants";
import type { ChatMessage } from "./message";
import type { ChatLinks } from "./payloads/common";
import { discord } from "./payloads/discord";
import { googleChat } from "./payloads/google-chat";
import { slack } from "./payloads/slack";
import { teams } from "./payloads/teams";

export type { ChatLinks } from "./payloads/common";
export { DISCORD_LIMITS } from "./payloads/discord";
export { GOOGLE_CHAT_LIMITS } from "./payloads/google-chat";
export { SLACK_LIMITS } from "./payloads/slack";
export { TEAMS_LIMITS } from "./payloads/teams";

const RENDERERS: Record<ChatPlatform, (m: ChatMessage, links: ChatLinks) => object> = {
  slack,
  teams,
  discord,
  google_chat: googleChat,
};

/** The JSON body to POST to a channel of this platform. */
export function chatPayload(platform: ChatPlatform, message: ChatMessage, links: ChatLinks): object {
  return RENDERERS[platform](message, links);
}

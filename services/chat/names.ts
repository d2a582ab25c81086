// How a chat channel is named to people: its platform and its URL masked (the rest of it is its secret).
import { CHAT_PLATFORM_LABELS, type ChatPlatform } from "@/db/constants";
import { maskChatUrl } from "@/core/chat-hosts";

export function chatChannelName(channel: { chatPlatform: ChatPlatform | null; webhookUrl: string | null }): string {
  const platform = channel.chatPlatform ? CHAT_PLATFORM_LABELS[channel.chatPlatform] : "Chat";
  return `${platform} channel (${maskChatUrl(channel.webhookUrl ?? "")})`;
}

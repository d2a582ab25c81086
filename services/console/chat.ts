// The console's chat channels: list, add (verified by one test message, as on the public page), remove,
// re-enable. Admins and owners only: every function checks the role itself, whatever the page did before.
// URLs are shown and audited masked: the rest of a chat webhook URL is its secret.
import type { Db } from "@/db";
import { getChatSubscriber, listChatChannels } from "@/db/queries/chat";
import { deleteChatSubscriber, reenableChat } from "@/db/writes/chat";
import type { Actor } from "@/core/actor";
import { maskChatUrl } from "@/core/chat-hosts";
import { registerChat, type ChatInput, type ChatRegisterResult } from "@/services/chat/register";
import type { ChatSendOptions } from "@/services/chat/send";
import { chatChannelName } from "@/services/chat/names";
import { canManageSubscribers } from "@/services/subscriptions/admin";
import { audit } from "./audit";

type Refusal = { ok: false; message: string };
const FORBIDDEN: Refusal = { ok: false, message: "Only admins and owners can manage chat channels." };
const allowed = (actor: Actor) => actor.type !== "system" && canManageSubscribers(actor);

export function chatChannelsForConsole(db: Db, actor: Actor, pageId: string) {
  if (!allowed(actor)) throw new Error("Only admins and owners can see chat channels.");
  return listChatChannels(db, pageId).map(({ url, ...row }) => ({ ...row, shownUrl: maskChatUrl(url ?? "") }));
}
export type ConsoleChatChannel = ReturnType<typeof chatChannelsForConsole>[number];

export async function addChatChannel(
  db: Db,
  actor: Actor,
  input: ChatInput,
  options: ChatSendOptions & { now: number; publicUrl?: string },
): Promise<ChatRegisterResult | Refusal> {
  if (!allowed(actor)) return FORBIDDEN;
  const result = await registerChat(db, input, { ...options, origin: "console" });
  if (result.status === "created")
    audit(
      db,
      actor,
      options.now,
      "chat.create",
      { type: "subscriber", id: result.id },
      {
        platform: result.platform,
        url: maskChatUrl(String(input.url ?? "")),
      },
    );
  return result;
}

export function removeChatChannel(db: Db, actor: Actor, id: string, now: number): { ok: true; name: string } | Refusal {
  if (!allowed(actor)) return FORBIDDEN;
  return db.transaction((tx) => {
    const channel = getChatSubscriber(tx, id);
    if (!channel) return { ok: false as const, message: "This chat channel was already removed." };
    deleteChatSubscriber(tx, id);
    const name = chatChannelName(channel);
    audit(tx, actor, now, "chat.delete", { type: "subscriber", id }, { channel: name });
    return { ok: true as const, name };
  });
}

export function enableChatChannel(db: Db, actor: Actor, id: string, now: number): { ok: true; name: string } | Refusal {
  if (!allowed(actor)) return FORBIDDEN;
  return db.transaction((tx) => {
    const channel = getChatSubscriber(tx, id);
    if (!channel) return { ok: false as const, message: "This chat channel no longer exists." };
    if (!reenableChat(tx, id, now)) return { ok: false as const, message: "This chat channel is not disabled." };
    const name = chatChannelName(channel);
    audit(tx, actor, now, "chat.enable", { type: "subscriber", id }, { channel: name });
    return { ok: true as const, name };
  });
}

import type { Metadata } from "next";
import { getDb } from "@/db";
import { localeOr } from "@/services/notifications/words";
import { CHAT_PLATFORM_LABELS } from "@/db/constants";
import { componentChoices, getPageRow } from "@/db/queries/subscribers";
import { requireUser } from "@/services/auth/dal";
import { chatChannelsForConsole, type ConsoleChatChannel } from "@/services/console/chat";
import { EndpointBadge, EndpointList, EndpointPage, endpointDate } from "@/components/admin/endpoint-list";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { AddChatForm, ChatControls } from "./chat-forms";

export const metadata: Metadata = { title: "Chat channels" };
export const dynamic = "force-dynamic";

function badge(channel: ConsoleChatChannel, timeZone: string) {
  const last = channel.deliveries[0];
  const gone = last?.state === "failed" && (last.lastStatusCode === 404 || last.lastStatusCode === 410);
  if (channel.disabledAt)
    return (
      <EndpointBadge
        tone="bad"
        text={`Disabled ${endpointDate(channel.disabledAt, timeZone)}${gone ? ": the webhook was deleted on the platform" : ""}`}
      />
    );
  if (channel.failingSince)
    return <EndpointBadge tone="warn" text={`Failing since ${endpointDate(channel.failingSince, timeZone)}`} />;
  return <EndpointBadge tone="good" text="Active" />;
}

const nameOf = (c: ConsoleChatChannel) =>
  `${c.platform ? CHAT_PLATFORM_LABELS[c.platform] : "Chat"} channel ${c.shownUrl}`;

export default async function ChatPage({ searchParams }: { searchParams: Promise<{ removed?: string }> }) {
  const me = await requireUser("admin");
  const { removed } = await searchParams;
  const db = getDb();
  const page = getPageRow(db)!;
  const choices = componentChoices(db, page.id);
  const names = new Map(choices.flatMap((g) => g.components.map((c) => [c.id, c.name] as const)));
  const list = chatChannelsForConsole(db, { type: "user", userId: me.id, label: me.email, role: me.role }, page.id);
  return (
    <EndpointPage
      title="Chat channels"
      intro={
        <>
          Slack, Microsoft Teams, Discord and Google Chat channels get every incident and maintenance update as a native
          message. A channel is connected only once it accepted a test message. A deleted webhook (404 or 410) disables
          the channel at once; other failures are retried for about a day first. Either way its owner, if one was given,
          is emailed.
        </>
      }
      removedNotice={removed === "1" ? "Chat channel removed. It gets no more messages." : null}
      listHeading="Connected channels"
      empty={
        list.length === 0 ? (
          <>
            No chat channels yet. Connect one below, or let people connect their own on the public{" "}
            <a className="underline" href="/subscribe?via=chat">
              subscribe page
            </a>
            .
          </>
        ) : null
      }
      list={
        <EndpointList
          rows={list}
          timeZone={page.timeZone}
          serviceNames={names}
          text={{
            recent: "Recent messages",
            emptyDeliveries: "Nothing sent yet: messages appear here after the next incident or maintenance update.",
          }}
          title={(c) => (
            <>
              {c.platform ? CHAT_PLATFORM_LABELS[c.platform] : "Chat"} <span className="font-mono">{c.shownUrl}</span>
            </>
          )}
          label={nameOf}
          badge={(c) => badge(c, page.timeZone)}
          controls={(c) => <ChatControls id={c.id} name={nameOf(c)} disabled={c.disabledAt !== null} />}
          eventLabel={(kind) => kind.replaceAll("_", " ")}
        />
      }
      addHeading="Connect a channel"
      addForm={
        <AddChatForm
          picker={<ServicePicker groups={choiceGroups(choices)} name="componentIds" />}
          defaultLocale={localeOr(page.defaultLocale)}
        />
      }
    />
  );
}

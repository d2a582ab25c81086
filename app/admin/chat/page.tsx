import type { Metadata } from "next";
import { getDb } from "@/db";
import { CHAT_PLATFORM_LABELS } from "@/db/constants";
import { componentChoices, getPageRow } from "@/db/queries/subscribers";
import { requireUser } from "@/services/auth/dal";
import { chatChannelsForConsole, type ConsoleChatChannel } from "@/services/console/chat";
import { formatInZone } from "@/services/console/incident-display";
import { DataTable } from "@/components/ui/data-table";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { AddChatForm, ChatControls } from "./chat-forms";

export const metadata: Metadata = { title: "Chat channels" };
export const dynamic = "force-dynamic";

const date = (ms: number | null, timeZone: string) => (ms ? formatInZone(ms, timeZone) : "never");

function StateBadge({ channel, timeZone }: { channel: ConsoleChatChannel; timeZone: string }) {
  const last = channel.deliveries[0];
  const gone = last?.state === "failed" && (last.lastStatusCode === 404 || last.lastStatusCode === 410);
  const [text, colours] = channel.disabledAt
    ? [
        `Disabled ${date(channel.disabledAt, timeZone)}${gone ? ": the webhook was deleted on the platform" : ""}`,
        "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
      ]
    : channel.failingSince
      ? [
          `Failing since ${date(channel.failingSince, timeZone)}`,
          "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        ]
      : ["Active", "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200"];
  return <span className={`rounded px-2 py-0.5 text-sm font-medium ${colours}`}>{text}</span>;
}

function outcome(d: ConsoleChatChannel["deliveries"][number], timeZone: string) {
  if (d.state === "sent") return "Delivered";
  if (d.state === "failed") return "Gave up";
  if (d.state === "sending") return "Sending";
  return `Retry at ${date(d.nextAttemptAt, timeZone)}`;
}

export default async function ChatPage({ searchParams }: { searchParams: Promise<{ removed?: string }> }) {
  const me = await requireUser("admin");
  const { removed } = await searchParams;
  const db = getDb();
  const page = getPageRow(db)!;
  const choices = componentChoices(db, page.id);
  const names = new Map(choices.flatMap((g) => g.components.map((c) => [c.id, c.name] as const)));
  const list = chatChannelsForConsole(db, { type: "user", userId: me.id, label: me.email, role: me.role }, page.id);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Chat channels</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Slack, Microsoft Teams, Discord and Google Chat channels get every incident and maintenance update as a native
        message. A channel is connected only once it accepted a test message. A deleted webhook (404 or 410) disables
        the channel at once; other failures are retried for about a day first. Either way its owner, if one was given,
        is emailed.
      </p>
      {removed === "1" && (
        <p
          role="status"
          className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm font-medium text-green-800 dark:bg-green-950 dark:text-green-200"
        >
          Chat channel removed. It gets no more messages.
        </p>
      )}
      <section aria-labelledby="list-heading" className="mt-8">
        <h2 id="list-heading" className="text-lg font-semibold">
          Connected channels
        </h2>
        {list.length === 0 ? (
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            No chat channels yet. Connect one below, or let people connect their own on the public{" "}
            <a className="underline" href="/subscribe?via=chat">
              subscribe page
            </a>
            .
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700">
            {list.map((c) => {
              const name = `${c.platform ? CHAT_PLATFORM_LABELS[c.platform] : "Chat"} channel ${c.shownUrl}`;
              return (
                <li key={c.id} className="space-y-2 p-3">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <p className="w-full min-w-0 break-all text-sm font-medium sm:w-auto sm:flex-1">
                      {c.platform ? CHAT_PLATFORM_LABELS[c.platform] : "Chat"}{" "}
                      <span className="font-mono">{c.shownUrl}</span>
                    </p>
                    <StateBadge channel={c} timeZone={page.timeZone} />
                  </div>
                  <p className="text-sm text-slate-700 dark:text-slate-300">
                    {c.allComponents
                      ? "Everything"
                      : `Only: ${c.componentIds.map((id) => names.get(id) ?? "a deleted service").join(", ")}`}
                    {" · "}owner {c.email ?? "none"} · added {date(c.createdAt, page.timeZone)} ({c.origin})
                  </p>
                  <ChatControls id={c.id} name={name} disabled={c.disabledAt !== null} />
                  <details className="text-sm">
                    <summary className="cursor-pointer font-medium">Recent messages ({c.deliveries.length})</summary>
                    <DataTable
                      dense
                      label={`Recent messages to ${name}`}
                      caption={`Recent messages to ${name}`}
                      className="mt-2"
                      rows={c.deliveries}
                      rowKey={(d) => d.id}
                      empty="Nothing sent yet: messages appear here after the next incident or maintenance update."
                      columns={[
                        {
                          header: "Time",
                          className: "whitespace-nowrap",
                          cell: (d) => date(d.createdAt, page.timeZone),
                        },
                        { header: "Event", cell: (d) => d.kind.replaceAll("_", " ") },
                        { header: "Outcome", cell: (d) => outcome(d, page.timeZone) },
                        { header: "Status", cell: (d) => d.lastStatusCode ?? "–" },
                        { header: "Attempts", cell: (d) => d.attempts + (d.state === "sent" ? 1 : 0) },
                        { header: "Error", className: "break-all", cell: (d) => d.lastError ?? "" },
                      ]}
                    />
                  </details>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-heading" className="mt-10">
        <h2 id="add-heading" className="text-lg font-semibold">
          Connect a channel
        </h2>
        <AddChatForm picker={<ServicePicker groups={choiceGroups(choices)} name="componentIds" />} />
      </section>
    </div>
  );
}

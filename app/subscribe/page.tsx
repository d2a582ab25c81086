import { pageAudience } from "@/services/viewers/request";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { componentChoices, getPageRow } from "@/db/queries/subscribers";
import { PageShell } from "@/components/page-shell";
import { getConfig } from "@/core/config";
import { SmsSubscribeForm } from "./sms-form";
import { SubscribeForm } from "./subscribe-form";
import { WebhookSubscribeForm } from "./webhook-form";
import { ChatSubscribeForm } from "./chat-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Subscribe to updates" };

const tab =
  "rounded-md px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-200 aria-[current=page]:bg-blue-700 aria-[current=page]:text-white dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-blue-600";

export default async function SubscribePage({ searchParams }: { searchParams: Promise<{ via?: string | string[] }> }) {
  const db = getDb();
  const page = getPageRow(db);
  if (!page) notFound();
  await pageAudience();
  const via = (await searchParams).via;
  // SMS is offered only when Twilio is configured.
  const smsOffered = getConfig().twilio !== null;
  const sms = smsOffered && via === "sms";
  const webhook = via === "webhook";
  const chat = via === "chat";
  const choices = componentChoices(db, page.id);
  // In the page's frame (header and footer), so there is always a way back to the status page.
  return (
    <PageShell page={page} headingLevel={2}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-bold">
          {chat
            ? `Get ${page.name} updates in a chat channel`
            : sms
              ? `Get ${page.name} updates by SMS`
              : webhook
                ? `Get ${page.name} updates by webhook`
                : `Get ${page.name} updates by email`}
        </h1>
        <nav aria-label="Ways to subscribe" className="mt-4 flex flex-wrap gap-2">
          <Link href="/subscribe" className={tab} aria-current={webhook || chat || sms ? undefined : "page"}>
            Email
          </Link>
          <Link href="/subscribe?via=chat" className={tab} aria-current={chat ? "page" : undefined}>
            Chat
          </Link>
          {smsOffered ? (
            <Link href="/subscribe?via=sms" className={tab} aria-current={sms ? "page" : undefined}>
              SMS
            </Link>
          ) : null}
          <Link href="/subscribe?via=webhook" className={tab} aria-current={webhook ? "page" : undefined}>
            Webhook
          </Link>
        </nav>
        {sms ? (
          <p className="mt-4 text-slate-700 dark:text-slate-300">
            We text you when a major or critical incident starts, changes or ends, and before planned maintenance. First
            we send a code to confirm the number is yours. Reply STOP to any message to unsubscribe.
          </p>
        ) : chat ? (
          <p className="mt-4 text-slate-700 dark:text-slate-300">
            Slack, Microsoft Teams, Discord or Google Chat: paste your channel&apos;s incoming webhook URL and we post
            every incident and maintenance update there, with a link to stop them.
          </p>
        ) : webhook ? (
          <p className="mt-4 text-slate-700 dark:text-slate-300">
            For automation: we POST Statuspage-compatible JSON to your URL for every incident, maintenance and service
            status change, signed with a secret that only you get. No confirmation email is needed.
          </p>
        ) : (
          <p className="mt-4 text-slate-700 dark:text-slate-300">
            We email you when an incident starts, changes or ends, and before planned maintenance. Every email has a
            one-click unsubscribe link.
          </p>
        )}
        <div className="mt-8">
          {chat ? (
            <ChatSubscribeForm choices={choices} />
          ) : sms ? (
            <SmsSubscribeForm choices={choices} />
          ) : webhook ? (
            <WebhookSubscribeForm choices={choices} />
          ) : (
            <SubscribeForm choices={choices} />
          )}
        </div>
        <section
          aria-labelledby="other-ways"
          className="mt-10 border-t border-slate-200 pt-6 text-sm text-slate-700 dark:border-slate-800 dark:text-slate-300"
        >
          <h2 id="other-ways" className="font-semibold text-slate-900 dark:text-slate-100">
            Other ways to follow
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>
              Planned maintenance in your calendar: subscribe to{" "}
              <a href="/maintenances.ics" className="underline">
                the maintenance calendar (.ics)
              </a>
              ; it updates itself when a window moves or is cancelled.
            </li>
            <li>
              A feed reader:{" "}
              <a href="/history.atom" className="underline">
                Atom
              </a>{" "}
              or{" "}
              <a href="/history.rss" className="underline">
                RSS
              </a>{" "}
              of every incident and maintenance.
            </li>
          </ul>
        </section>
      </div>
    </PageShell>
  );
}

import type { Metadata } from "next";
import { Address } from "@/components/admin/address";
import Link from "next/link";
import { getDb } from "@/db";
import { EMAIL_MESSAGE_STATES } from "@/db/constants";
import { getThePage } from "@/db/queries/settings";
import { inputClass } from "@/components/admin/form";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import {
  EMAIL_STATE_LABELS,
  NOTIFICATION_KIND_LABELS,
  sentMailFilterSchema,
  sentMailPage,
} from "@/services/console/sent-mail";
import { mailMode } from "@/services/mail/send";
import { EmailStateBadge, first, MailModeBanner, MailTabs } from "./mail-parts";

export const metadata: Metadata = { title: "Sent mail" };

export default async function SentMailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("admin");
  const raw = await searchParams;
  const query = sentMailFilterSchema.parse({
    state: first(raw.state) || undefined,
    q: first(raw.q) || undefined,
    before: first(raw.before) || undefined,
  });
  const db = getDb();
  const { timeZone } = getThePage(db);
  const { emails, olderCursor } = sentMailPage(db, user, query);
  const filtered = Boolean(query.state || query.q);
  const href = (extra: Record<string, string>) =>
    "/admin/mail?" +
    new URLSearchParams({
      ...(query.state ? { state: query.state } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...extra,
    }).toString();
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Sent mail</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Every email the page rendered, newest first: notifications, confirmations and invitations.
      </p>
      <MailModeBanner mode={mailMode()} />
      <MailTabs current="emails" />
      <form method="get" className="mt-6 flex flex-wrap items-end gap-4" role="search" aria-label="Filter sent mail">
        <div>
          <label htmlFor="mail-state" className="block text-sm font-medium">
            State
          </label>
          <select id="mail-state" name="state" defaultValue={query.state ?? ""} className={inputClass}>
            <option value="">Any state</option>
            {EMAIL_MESSAGE_STATES.map((s) => (
              <option key={s} value={s}>
                {EMAIL_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 basis-full sm:max-w-sm sm:flex-1 sm:basis-auto">
          <label htmlFor="mail-q" className="block text-sm font-medium">
            Address or subject contains
          </label>
          <input
            id="mail-q"
            name="q"
            type="search"
            maxLength={254}
            defaultValue={query.q ?? ""}
            className={inputClass}
          />
        </div>
        <Button type="submit">Filter</Button>
        {filtered && (
          <Link href="/admin/mail" className="py-2 font-medium underline">
            Clear
          </Link>
        )}
      </form>
      {/* Phones: one card per email; wider screens: the table. */}
      {emails.length > 0 && (
        <ul className="mt-6 space-y-3 md:hidden" aria-label="Emails, newest first">
          {emails.map((e) => (
            <li key={e.id} className="rounded-lg border border-slate-300 p-3 text-sm dark:border-slate-700">
              <Link href={`/admin/mail/${e.id}`} className="font-medium break-words underline underline-offset-2">
                {e.subject}
              </Link>
              <p className="mt-1">
                <Address>{e.toAddress}</Address>
              </p>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-700 dark:text-slate-300">
                <EmailStateBadge state={e.state} />
                <span>{formatInZone(e.createdAt, timeZone)}</span>
                {e.kind ? <span>{NOTIFICATION_KIND_LABELS[e.kind]}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      <DataTable
        label="Emails"
        caption="Emails, newest first"
        className="mt-6"
        regionClassName="hidden md:block"
        rows={emails}
        rowKey={(e) => e.id}
        empty={
          filtered || query.before
            ? "No email matches. Clear the filter to see every email."
            : "No email yet. Emails appear here when someone subscribes, when you invite a team member, or when an incident notifies subscribers."
        }
        columns={[
          { header: "Created", className: "whitespace-nowrap", cell: (e) => formatInZone(e.createdAt, timeZone) },
          { header: "To", cell: (e) => <Address>{e.toAddress}</Address> },
          {
            header: "Subject",
            cell: (e) => (
              <Link href={`/admin/mail/${e.id}`} className="font-medium underline underline-offset-2">
                {e.subject}
              </Link>
            ),
          },
          { header: "Kind", cell: (e) => (e.kind ? NOTIFICATION_KIND_LABELS[e.kind] : "") },
          { header: "State", cell: (e) => <EmailStateBadge state={e.state} /> },
        ]}
      />
      <div className="mt-4 flex gap-4">
        {query.before && (
          <Link href={href({})} className="font-medium underline">
            Newest emails
          </Link>
        )}
        {olderCursor && (
          <Link href={href({ before: olderCursor })} className="font-medium underline">
            Older emails
          </Link>
        )}
      </div>
      <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
        Times are in the page&apos;s time zone ({timeZone}).
      </p>
    </div>
  );
}

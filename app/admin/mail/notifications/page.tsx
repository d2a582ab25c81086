import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import {
  EMAIL_STATE_LABELS,
  NOTIFICATION_KIND_LABELS,
  deliveryStateLabels,
  notificationsPage,
} from "@/services/console/sent-mail";
import { mailMode } from "@/services/mail/send";
import { countsText, first, MailModeBanner, MailTabs } from "../mail-parts";
import { IncidentLink, LastError } from "./notification-parts";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("admin");
  const before = first((await searchParams).before);
  const db = getDb();
  const { timeZone } = getThePage(db);
  const { notifications, olderCursor } = notificationsPage(db, user, before);
  const mode = mailMode();
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Sent mail</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Each notification, newest first, and how its delivery went.
      </p>
      <MailModeBanner mode={mode} />
      <MailTabs current="notifications" />
      {notifications.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-400 p-6 dark:border-slate-600">
          {before
            ? "No older notification."
            : "No notification yet. Posting an incident update with notifications on, or a sign-up on the public page, creates one."}
        </p>
      ) : (
        <ul className="mt-6 space-y-3">
          {notifications.map((n) => (
            <li key={n.id} className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link
                  href={`/admin/mail/notifications/${n.id}`}
                  className="text-lg font-semibold underline underline-offset-2"
                >
                  {NOTIFICATION_KIND_LABELS[n.kind]}
                </Link>
                <span className="text-sm">{formatInZone(n.createdAt, timeZone)}</span>
              </div>
              {n.incident && (
                <p className="mt-1 text-sm">
                  <IncidentLink incident={n.incident} />
                </p>
              )}
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
                <dt className="font-semibold">Recipients</dt>
                <dd>{n.fannedOutAt === null ? "not chosen yet" : n.recipients}</dd>
                <dt className="font-semibold">Batches</dt>
                <dd>{countsText(n.chunks, deliveryStateLabels(mode))}</dd>
                <dt className="font-semibold">Emails</dt>
                <dd>{countsText(n.emails, EMAIL_STATE_LABELS)}</dd>
              </dl>
              {n.lastError && <LastError error={n.lastError} />}
            </li>
          ))}
        </ul>
      )}
      {olderCursor && (
        <Link
          href={`/admin/mail/notifications?before=${olderCursor}`}
          className="mt-4 inline-block font-medium underline"
        >
          Older notifications
        </Link>
      )}
    </div>
  );
}

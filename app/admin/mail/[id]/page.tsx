import type { Metadata } from "next";
import { Address } from "@/components/admin/address";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { NOTIFICATION_KIND_LABELS, orNull, sentMailDetail } from "@/services/console/sent-mail";
import { REMOVED_LINK_TOKEN } from "@/services/notifications/tokens";
import { EmailStateBadge } from "../mail-parts";

export const metadata: Metadata = { title: "Email" };

const card = "rounded-lg border border-slate-300 p-4 dark:border-slate-700";

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("admin");
  const { id } = await params;
  const db = getDb();
  const found = orNull(() => sentMailDetail(db, user, id));
  if (!found) notFound();
  const { message, notification, delivery, bodyRemoved } = found;
  const { timeZone } = getThePage(db);
  const headers = Object.entries(message.headers);
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin/mail" className="underline">
            Sent mail
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold break-words">{message.subject}</h1>
      </div>
      <section aria-labelledby="envelope-title" className={card}>
        <h2 id="envelope-title" className="sr-only">
          Envelope
        </h2>
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold">From</dt>
          <dd>
            <Address>{message.fromAddress}</Address>
          </dd>
          <dt className="font-semibold">To</dt>
          <dd>
            <Address>{message.toAddress}</Address>
          </dd>
          <dt className="font-semibold">Subject</dt>
          <dd className="break-words">{message.subject}</dd>
          <dt className="font-semibold">State</dt>
          <dd>
            <EmailStateBadge state={message.state} />
            {message.lastEventAt ? (
              <span className="ml-2 text-slate-700 dark:text-slate-300">
                last report {formatInZone(message.lastEventAt, timeZone)}
              </span>
            ) : null}
          </dd>
          <dt className="font-semibold">Created</dt>
          <dd>{formatInZone(message.createdAt, timeZone)}</dd>
          {notification && (
            <>
              <dt className="font-semibold">Notification</dt>
              <dd>
                <Link href={`/admin/mail/notifications/${notification.id}`} className="underline">
                  {NOTIFICATION_KIND_LABELS[notification.kind]}
                </Link>
                {delivery ? ` · batch ${delivery.chunk + 1}` : ""}
              </dd>
            </>
          )}
          {message.providerId && (
            <>
              <dt className="font-semibold">Resend id</dt>
              <dd className="break-all font-mono">{message.providerId}</dd>
            </>
          )}
        </dl>
      </section>
      <section aria-labelledby="headers-title" className={card}>
        <h2 id="headers-title" className="text-lg font-semibold">
          Headers
        </h2>
        {headers.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            {bodyRemoved
              ? "Removed with the body after the retention period."
              : "No extra headers: a message to one person needs no unsubscribe header."}
          </p>
        ) : (
          <dl className="mt-2 space-y-2 text-sm">
            {headers.map(([name, value]) => (
              <div key={name}>
                <dt className="font-mono font-semibold">{name}</dt>
                <dd className="font-mono text-slate-800 [overflow-wrap:anywhere] dark:text-slate-200">{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      {bodyRemoved ? (
        <p className={`${card} border-dashed`}>
          The body of this email was removed after the retention period (EMAIL_RETENTION_DAYS). Who it went to and its
          state are kept.
        </p>
      ) : (
        <>
          {message.text.includes(REMOVED_LINK_TOKEN) && (
            <p className={`${card} text-sm`}>
              The single-use link in this email was removed from the stored copy once Resend had the email, so it cannot
              be used from here.
            </p>
          )}
          <section aria-labelledby="html-title">
            <h2 id="html-title" className="text-lg font-semibold">
              As it looks (HTML)
            </h2>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Shown in a sandbox: scripts, forms and outside requests are blocked.
            </p>
            <iframe
              title={`HTML of the email "${message.subject}"`}
              src={`/admin/mail/${message.id}/html`}
              sandbox=""
              referrerPolicy="no-referrer"
              className="mt-2 h-[32rem] w-full rounded-lg border border-slate-300 bg-white dark:border-slate-700"
            />
          </section>
          <section aria-labelledby="text-title">
            <h2 id="text-title" className="text-lg font-semibold">
              Plain text
            </h2>
            {/* Focusable, so keyboard users can scroll a long text part. */}
            <pre
              tabIndex={0}
              aria-labelledby="text-title"
              className="mt-2 max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded-lg border border-slate-300 bg-slate-50 p-4 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              {message.text}
            </pre>
          </section>
        </>
      )}
    </div>
  );
}

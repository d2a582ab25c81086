import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import {
  EMAIL_STATE_LABELS,
  NOTIFICATION_KIND_LABELS,
  deliveryStateLabels,
  notificationDetail,
  orNull,
} from "@/services/console/sent-mail";
import { mailMode } from "@/services/mail/send";
import { countsText } from "../../mail-parts";
import { IncidentLink, LastError } from "../notification-parts";

export const metadata: Metadata = { title: "Notification" };

export default async function NotificationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("admin");
  const { id } = await params;
  const db = getDb();
  const found = orNull(() => notificationDetail(db, user, id));
  if (!found) notFound();
  const { summary, chunks } = found;
  const { timeZone } = getThePage(db);
  const stateLabels = deliveryStateLabels(mailMode());
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin/mail/notifications" className="underline">
            Notifications
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold">{NOTIFICATION_KIND_LABELS[summary.kind]}</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">Created {formatInZone(summary.createdAt, timeZone)}</p>
        {summary.incident && (
          <p className="mt-1">
            <IncidentLink incident={summary.incident} />
          </p>
        )}
      </div>
      <dl className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-300 p-4 text-sm sm:grid-cols-[9rem_1fr] dark:border-slate-700">
        <dt className="font-semibold">Recipients</dt>
        <dd>
          {summary.fannedOutAt === null ? "not chosen yet: the worker picks them within seconds" : summary.recipients}
        </dd>
        <dt className="font-semibold">Emails</dt>
        <dd>{countsText(summary.emails, EMAIL_STATE_LABELS)}</dd>
      </dl>
      <section aria-labelledby="chunks-title">
        <h2 id="chunks-title" className="text-lg font-semibold">
          Batches
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Up to 100 recipients each, one request to the mail service per batch.
        </p>
        {chunks.length === 0 ? (
          <p className="mt-2 rounded-lg border border-dashed border-slate-400 p-4 dark:border-slate-600">
            {summary.fannedOutAt === null
              ? "Not split into batches yet."
              : "Nobody was to receive this notification (no matching subscriber)."}
          </p>
        ) : (
          <ul className="mt-2 space-y-2">
            {chunks.map((c) => (
              <li key={c.id} className="rounded-lg border border-slate-300 p-3 text-sm dark:border-slate-700">
                <p>
                  <strong>Batch {c.chunk + 1}</strong> · {c.recipients} recipient{c.recipients === 1 ? "" : "s"} ·{" "}
                  {stateLabels[c.state]} · {c.attempts} failed attempt{c.attempts === 1 ? "" : "s"}
                  {c.completedAt
                    ? ` · done ${formatInZone(c.completedAt, timeZone)}`
                    : ` · next try ${formatInZone(c.nextAttemptAt, timeZone)}`}
                </p>
                {c.lastError && (
                  <LastError error={{ message: c.lastError, statusCode: c.lastStatusCode, state: c.state }} />
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-4">
          <Link href="/admin/mail" className="underline">
            All sent emails
          </Link>
        </p>
      </section>
    </div>
  );
}

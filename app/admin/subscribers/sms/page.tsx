import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { DoneNotice } from "@/components/admin/done-notice";
import { getDb } from "@/db";
import { LOCALE_NAMES } from "@/core/i18n/locales";
import type { SubscriberState } from "@/db/constants";
import { getThePage } from "@/db/queries/settings";
import type { Actor } from "@/core/actor";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { listSmsSubscribers } from "@/services/sms/admin";

export const metadata: Metadata = { title: "SMS subscribers" };

const STATE_LABELS: Record<SubscriberState, string> = {
  pending: "Waiting for the code",
  active: "Active",
  unsubscribed: "Unsubscribed",
  suppressed: "Suppressed",
};
const STATE_BADGE: Record<SubscriberState, string> = {
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  active: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  unsubscribed: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  suppressed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function SmsSubscribersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("admin");
  const raw = await searchParams;
  const actor: Actor = { type: "user", userId: user.id, label: user.email, role: user.role };
  const db = getDb();
  const { timeZone } = getThePage(db);
  const list = listSmsSubscribers(db, actor, { page: pageSchema.parse(first(raw.page) ?? 1) });
  return (
    <div className="max-w-5xl">
      <p>
        <Link href="/admin/subscribers" className="text-sm font-medium underline">
          Email subscribers
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">SMS subscribers</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Numbers that get incident texts. Visitors sign up on the status page and confirm with a code sent by SMS;
        numbers are shown masked. A number that replies STOP is unsubscribed at once.
      </p>
      <DoneNotice done={raw.done} n={raw.n} />
      {list.total === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-slate-400 p-6 dark:border-slate-600">
          <h2 className="font-semibold">No SMS subscribers yet</h2>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            With TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM set, the subscribe page and each incident page
            offer SMS.
          </p>
        </div>
      ) : (
        <>
          <p className="mt-6 text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
            {list.total} SMS {list.total === 1 ? "subscriber" : "subscribers"}
            {list.pageCount > 1 && ` · page ${list.page} of ${list.pageCount}`}
          </p>
          <ul
            className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700"
            aria-label="SMS subscribers"
          >
            {list.subscribers.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-3">
                <div className="min-w-0 flex-1">
                  <p className="font-mono font-medium">{s.maskedPhone}</p>
                  <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATE_BADGE[s.state]}`}>
                      {STATE_LABELS[s.state]}
                      {s.paused && " (paused)"}
                    </span>
                    <span>
                      {s.follows
                        ? `Follows one incident: ${s.follows.name}`
                        : s.components === null
                          ? "Everything"
                          : s.components.map((c) => c.name).join(", ") || "No services left"}
                    </span>
                    <span aria-hidden="true">·</span>
                    <span>{s.allImpacts ? "every incident" : "major and critical only"}</span>
                    <span aria-hidden="true">·</span>
                    <span>
                      added {formatInZone(s.createdAt, timeZone)} ({s.origin})
                    </span>
                    <span aria-hidden="true">·</span>
                    <span lang={s.language}>{LOCALE_NAMES[s.language]}</span>
                  </p>
                </div>
                <Link
                  href={`/admin/subscribers/sms/${s.id}/remove`}
                  className="rounded-md border border-slate-400 px-2.5 py-1 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
                  aria-label={`Remove ${s.maskedPhone}`}
                >
                  Remove
                </Link>
              </li>
            ))}
          </ul>
          {list.pageCount > 1 && (
            <nav aria-label="Pages" className="mt-4 flex gap-4">
              {list.page > 1 && (
                <Link href={`/admin/subscribers/sms?page=${list.page - 1}`} className="font-medium underline">
                  Previous page
                </Link>
              )}
              {list.page < list.pageCount && (
                <Link href={`/admin/subscribers/sms?page=${list.page + 1}`} className="font-medium underline">
                  Next page
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </div>
  );
}

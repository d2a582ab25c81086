import type { Metadata } from "next";
import { Address } from "@/components/admin/address";
import Link from "next/link";
import { z } from "zod";
import { DoneNotice } from "@/components/admin/done-notice";
import { inputClass } from "@/components/admin/form";
import { getDb } from "@/db";
import { SUBSCRIBER_STATES, type SubscriberState } from "@/db/constants";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { getThePage } from "@/db/queries/settings";
import type { Actor } from "@/core/actor";
import { LOCALE_NAMES } from "@/core/i18n/locales";
import { DEFAULT_PAGE_SIZE, listSubscribers } from "@/services/subscriptions/admin";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Subscribers" };

const primary =
  "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";
const secondary =
  "rounded-md border border-slate-400 px-4 py-2 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";

const STATE_LABELS: Record<SubscriberState, string> = {
  pending: "Pending confirmation",
  active: "Active",
  unsubscribed: "Unsubscribed",
  suppressed: "Suppressed (bounced or complained)",
};
const STATE_BADGE: Record<SubscriberState, string> = {
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  active: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  unsubscribed: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  suppressed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

// Bad query values fall back to the defaults instead of failing the page.
const filterSchema = z.object({
  q: z.string().trim().max(254).optional().catch(undefined),
  state: z.enum(SUBSCRIBER_STATES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function SubscribersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("admin");
  const raw = await searchParams;
  const filter = filterSchema.parse({ q: first(raw.q), state: first(raw.state), page: first(raw.page) });
  const actor: Actor = { type: "user", userId: user.id, label: user.email, role: user.role };
  const db = getDb();
  const { timeZone } = getThePage(db);
  const list = listSubscribers(db, actor, {
    search: filter.q,
    state: filter.state,
    page: filter.page ?? 1,
    perPage: DEFAULT_PAGE_SIZE,
  });
  const filtered = Boolean(filter.q || filter.state);
  const query = (extra: Record<string, string>) =>
    "?" +
    new URLSearchParams({
      ...(filter.q ? { q: filter.q } : {}),
      ...(filter.state ? { state: filter.state } : {}),
      ...extra,
    }).toString();
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Subscribers</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        People who get incident and maintenance emails. Visitors subscribe on the status page and confirm by email; you
        can also add or import addresses here.
      </p>
      <DoneNotice done={raw.done} n={raw.n} />
      <div className="mt-4 flex flex-wrap gap-3">
        <Link href="/admin/subscribers/new" className={primary}>
          Add a subscriber
        </Link>
        <Link href="/admin/subscribers/import" className={secondary}>
          Import a CSV file
        </Link>
        <Link href="/admin/subscribers/sms" className={secondary}>
          SMS subscribers
        </Link>
        {list.total > 0 && (
          // A plain link: the download is a route handler, not a page.
          <a href={`/admin/subscribers/export.csv${query({})}`} className={secondary} download>
            Export {filtered ? "these" : "all"} as CSV
          </a>
        )}
      </div>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-4" role="search" aria-label="Filter subscribers">
        <div>
          <label htmlFor="filter-q" className="block text-sm font-medium">
            Email contains
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="filter-state" className="block text-sm font-medium">
            State
          </label>
          <select id="filter-state" name="state" defaultValue={filter.state ?? ""} className={inputClass}>
            <option value="">Any state</option>
            {SUBSCRIBER_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">Filter</Button>
        {filtered && (
          <Link href="/admin/subscribers" className="py-2 font-medium underline">
            Clear
          </Link>
        )}
      </form>
      {list.total === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-slate-400 p-6 dark:border-slate-600">
          {filtered ? (
            <>
              <h2 className="font-semibold">Nothing matches</h2>
              <p className="mt-1 text-slate-700 dark:text-slate-300">Try part of the address only, or another state.</p>
            </>
          ) : (
            <>
              <h2 className="font-semibold">No subscribers yet</h2>
              <p className="mt-1 text-slate-700 dark:text-slate-300">
                Point people to the Subscribe link on your status page, add an address by hand, or import a CSV file
                with one address per line (for example, an existing mailing list).
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="mt-6 text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
            {list.total} {list.total === 1 ? "subscriber" : "subscribers"}
            {list.pageCount > 1 && ` · page ${list.page} of ${list.pageCount}, ${list.perPage} per page`}
          </p>
          {list.subscribers.length === 0 ? (
            <p className="mt-2">
              This page is past the end.{" "}
              <Link href={`/admin/subscribers${query({})}`} className="font-medium underline">
                Go to the first page
              </Link>
            </p>
          ) : (
            <ul
              className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700"
              aria-label="Subscribers"
            >
              {list.subscribers.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-3">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">
                      <Address>{s.email}</Address>
                    </p>
                    <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
                      <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATE_BADGE[s.state]}`}>
                        {STATE_LABELS[s.state]}
                      </span>
                      <span>
                        {s.components === null
                          ? "Everything"
                          : s.components.map((c) => c.name).join(", ") || "No services left"}
                      </span>
                      <span aria-hidden="true">·</span>
                      <span>
                        {s.audience === "public"
                          ? "Public"
                          : s.noLongerAllowed
                            ? "Internal (no longer allowed): public incidents only"
                            : "Internal: also internal incidents"}
                      </span>
                      <span aria-hidden="true">·</span>
                      <span>
                        added {formatInZone(s.createdAt, timeZone)} ({s.origin})
                      </span>
                      <span aria-hidden="true">·</span>
                      <span lang={s.language}>{LOCALE_NAMES[s.language]}</span>
                    </p>
                  </div>
                  <Link
                    href={`/admin/subscribers/${s.id}/remove`}
                    className="rounded-md border border-slate-400 px-2.5 py-1 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
                    aria-label={`Remove ${s.email}`}
                  >
                    Remove
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {list.pageCount > 1 && (
            <nav aria-label="Pages" className="mt-4 flex gap-4">
              {list.page > 1 && (
                <Link
                  href={`/admin/subscribers${query({ page: String(list.page - 1) })}`}
                  className="font-medium underline"
                >
                  Previous page
                </Link>
              )}
              {list.page < list.pageCount && (
                <Link
                  href={`/admin/subscribers${query({ page: String(list.page + 1) })}`}
                  className="font-medium underline"
                >
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

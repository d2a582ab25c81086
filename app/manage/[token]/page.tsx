import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { componentChoices, followedIncident, getPageRow, subscribedComponentIds } from "@/db/queries/subscribers";
import { PageShell } from "@/components/page-shell";
import { LocalTime } from "@/components/local-time";
import { subscriberForToken } from "@/services/subscriptions/access";
import { pauseAction, savePreferencesAction, unsubscribeAction } from "./actions";
import { PreferencesForm } from "./preferences-form";
import { MonthlyReportChoice } from "./monthly-report";
import { Button } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Manage your subscription", robots: { index: false } };

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string; failed?: string; confirmed?: string }>;
};
type Subscriber = NonNullable<ReturnType<typeof subscriberForToken>>;

/**
 * The notice after an action, only while it is still true: an old "?confirmed=1" or "?done=resumed" link
 * opened after unsubscribing must not say "confirmed" above "you do not receive notifications".
 * Being paused is not a notice but the state, shown by the page itself.
 */
function notice(s: Subscriber, query: Awaited<Props["searchParams"]>): string | null {
  const active = s.state === "active";
  if (query.confirmed && active) return "Your subscription is confirmed.";
  if (query.done === "saved" && active) return "Your choices are saved.";
  if (query.done === "resumed" && active && s.pausedAt === null) return "Notifications are on again.";
  if (query.done === "unsubscribed" && s.state === "unsubscribed") return "You are unsubscribed.";
  return null;
}

export default async function ManagePage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const db = getDb();
  const page = getPageRow(db);
  const s = page ? subscriberForToken(db, "manage", token) : null;
  // A 404 with its own explanation (./not-found.tsx), not a 200 saying the link is wrong.
  if (!s || !page) notFound();
  const message = notice(s, query);
  const selected = s.allComponents ? [] : subscribedComponentIds(db, s.id);
  // A follow of one incident has no services to choose: it ends by itself.
  const followed = s.followIncidentId ? followedIncident(db, s.followIncidentId) : null;
  return (
    <PageShell page={page} headingLevel={2}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-bold">Your {page.name} subscription</h1>
        <p className="mt-2 [overflow-wrap:anywhere]">
          For <strong>{s.email}</strong>
        </p>
        <p
          role="status"
          aria-live="polite"
          className="mt-4 font-medium text-green-800 empty:hidden dark:text-green-300"
        >
          {message}
        </p>
        {query.failed ? (
          <p role="alert" className="mt-4 text-red-700 dark:text-red-400">
            {query.failed === "unavailable"
              ? "We are temporarily unable to save changes. Nothing was changed; please try again in a minute."
              : "That did not work: the link is out of date or the choices were not valid."}
          </p>
        ) : null}
        {s.state !== "active" ? (
          <section className="mt-6">
            <p>You do not receive notifications.</p>
            <Link
              href="/subscribe"
              className="mt-4 inline-block font-medium text-blue-700 underline dark:text-blue-400"
            >
              Subscribe again
            </Link>
          </section>
        ) : (
          <>
            {s.pausedAt !== null && (
              <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
                Notifications are paused. Nothing is sent to you until you resume them (paused since{" "}
                <LocalTime at={s.pausedAt} timeZone={page.timeZone} />
                ).
              </p>
            )}
            {followed ? (
              <p className="mt-4">
                You follow{" "}
                <Link href={`/incidents/${followed.id}`} className="font-medium underline">
                  {followed.name}
                </Link>
                : you get its updates{" "}
                {s.followPostmortem ? "until its postmortem is published" : "until it is resolved"}, and nothing else.
              </p>
            ) : (
              <PreferencesForm
                save={savePreferencesAction.bind(null, token)}
                choices={componentChoices(db, page.id)}
                allComponents={s.allComponents}
                selected={selected}
              />
            )}
            {!followed && <MonthlyReportChoice token={token} on={s.monthlyReport} />}
            <div className="mt-8 flex flex-wrap gap-3 border-t border-slate-200 pt-6 dark:border-slate-700">
              <form action={pauseAction.bind(null, token, s.pausedAt === null)}>
                <Button type="submit" variant="secondary">
                  {s.pausedAt === null ? "Pause notifications" : "Resume notifications"}
                </Button>
              </form>
              <form action={unsubscribeAction.bind(null, token)}>
                <Button type="submit" variant="danger-outline">
                  Unsubscribe
                </Button>
              </form>
            </div>
          </>
        )}
      </div>
    </PageShell>
  );
}

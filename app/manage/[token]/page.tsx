import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { componentChoices, getPageRow, subscribedComponentIds } from "@/db/queries/subscribers";
import { subscriberForToken } from "@/lib/subscriptions/access";
import { ComponentPicker } from "@/app/subscribe/component-picker";
import { pauseAction, savePreferencesAction, unsubscribeAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Manage your subscription", robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string; failed?: string; confirmed?: string }> };

const MESSAGES: Record<string, string> = {
  saved: "Your choices are saved.",
  paused: "Notifications are paused.",
  resumed: "Notifications are on again.",
  unsubscribed: "You are unsubscribed.",
};

export default async function ManagePage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const db = getDb();
  const page = getPageRow(db);
  const s = subscriberForToken(db, "manage", token);
  if (!s || !page) {
    return (
      <main className="mx-auto max-w-xl px-4 py-12">
        <h1 className="text-2xl font-bold">This link is not valid</h1>
        <p className="mt-2">Use the link in your most recent email from us.</p>
      </main>
    );
  }
  const message = query.confirmed ? "Your subscription is confirmed." : query.done ? MESSAGES[query.done] : null;
  const selected = s.allComponents ? [] : subscribedComponentIds(db, s.id);
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-bold">Your {page.name} subscription</h1>
      <p className="mt-2">
        For <strong>{s.email}</strong>
      </p>
      <p role="status" aria-live="polite" className="mt-4 font-medium text-green-800 dark:text-green-300">
        {message}
      </p>
      {query.failed ? (
        <p role="alert" className="mt-4 text-red-700 dark:text-red-400">
          That did not work: the link is out of date or the choices were not valid.
        </p>
      ) : null}
      {s.state !== "active" ? (
        <section className="mt-6">
          <p>You do not receive notifications.</p>
          <Link href="/subscribe" className="mt-4 inline-block font-medium text-blue-700 underline dark:text-blue-400">
            Subscribe again
          </Link>
        </section>
      ) : (
        <>
          <form action={savePreferencesAction.bind(null, token)} className="mt-6 space-y-2">
            <fieldset>
              <legend className="font-medium">Notify me about</legend>
              <label className="mt-2 flex items-center gap-2">
                <input type="radio" name="scope" value="all" defaultChecked={s.allComponents} />
                Everything
              </label>
              <label className="mt-1 flex items-center gap-2">
                <input type="radio" name="scope" value="some" defaultChecked={!s.allComponents} />
                Only the services I choose
              </label>
              <ComponentPicker choices={componentChoices(db, page.id)} selected={selected} />
            </fieldset>
            <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white">
              Save choices
            </button>
          </form>
          <div className="mt-8 flex flex-wrap gap-3 border-t border-slate-200 pt-6 dark:border-slate-700">
            <form action={pauseAction.bind(null, token, s.pausedAt === null)}>
              <button type="submit" className="rounded-md border border-slate-300 px-4 py-2 font-medium dark:border-slate-600">
                {s.pausedAt === null ? "Pause notifications" : "Resume notifications"}
              </button>
            </form>
            <form action={unsubscribeAction.bind(null, token)}>
              <button type="submit" className="rounded-md border border-red-300 px-4 py-2 font-medium text-red-800 dark:border-red-800 dark:text-red-300">
                Unsubscribe
              </button>
            </form>
          </div>
        </>
      )}
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { componentChoices, followedIncident, getPageRow, subscribedComponentIds } from "@/db/queries/subscribers";
import { PageShell } from "@/components/page-shell";
import { localeDir } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { localeOr, zonedTime } from "@/services/notifications/words";
import { subscriberForToken } from "@/services/subscriptions/access";
import { languageAction, pauseAction, savePreferencesAction, unsubscribeAction } from "./actions";
import { LanguageForm } from "./language-form";
import { PreferencesForm } from "./preferences-form";
import { MonthlyReportChoice } from "./monthly-report";
import { Button } from "@/components/ui/button";

export const dynamic = "force-dynamic";
/** The tab's title in the subscriber's language too; an unknown link keeps the default one. */
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { token } = await params;
  const db = getDb();
  const page = getPageRow(db);
  const s = page ? subscriberForToken(db, "manage", token) : null;
  const title = page && s ? translator(localeOr(s.language), "manage")("title", { page: page.name }) : null;
  return { title: title ?? "Manage your subscription", robots: { index: false } };
}

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string; failed?: string; confirmed?: string }>;
};
type Subscriber = NonNullable<ReturnType<typeof subscriberForToken>>;
type T = ReturnType<typeof translator<"manage">>;

/**
 * The notice after an action, only while it is still true: an old "?confirmed=1" or "?done=resumed" link
 * opened after unsubscribing must not say "confirmed" above "you do not receive notifications".
 * Being paused is not a notice but the state, shown by the page itself.
 */
function notice(s: Subscriber, query: Awaited<Props["searchParams"]>, t: T): string | null {
  const active = s.state === "active";
  if (query.confirmed && active) return t("notice.confirmed");
  if (query.done === "saved" && active) return t("notice.saved");
  if (query.done === "resumed" && active && s.pausedAt === null) return t("notice.resumed");
  if (query.done === "unsubscribed" && s.state === "unsubscribed") return t("notice.unsubscribed");
  if (query.done === "language") return t("notice.language");
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
  // The subscriber's own language, whatever the page's default: the one they subscribed in or chose below.
  const locale = localeOr(s.language);
  const t = translator(locale, "manage", page.timeZone);
  const message = notice(s, query, t);
  const who = s.email ?? s.phone ?? "";
  const selected = s.allComponents ? [] : subscribedComponentIds(db, s.id);
  // A follow of one incident has no services to choose: it ends by itself.
  const followed = s.followIncidentId ? followedIncident(db, s.followIncidentId) : null;
  return (
    <PageShell page={page} locale={locale} headingLevel={2}>
      <div className="mx-auto max-w-xl" lang={locale} dir={localeDir(locale)}>
        <h1 className="text-2xl font-bold">{t("title", { page: page.name })}</h1>
        <p className="mt-2 [overflow-wrap:anywhere]">
          {t.rich("for", {
            who,
            // bdi: the address keeps its own direction inside a right-to-left sentence.
            strong: (chunks) => (
              <strong>
                <bdi>{chunks}</bdi>
              </strong>
            ),
          })}
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
            {query.failed === "unavailable" ? t("unavailable") : t("failed")}
          </p>
        ) : null}
        {s.state !== "active" ? (
          <section className="mt-6">
            <p>{t("notReceiving")}</p>
            <Link
              href="/subscribe"
              className="mt-4 inline-block font-medium text-blue-700 underline dark:text-blue-400"
            >
              {t("subscribeAgain")}
            </Link>
          </section>
        ) : (
          <>
            {s.pausedAt !== null && (
              <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
                {t("paused", { since: zonedTime(locale, s.pausedAt, page.timeZone) })}
              </p>
            )}
            {followed ? (
              <p className="mt-4">
                {t.rich(s.followPostmortem ? "followPostmortem" : "followResolved", {
                  incident: followed.name,
                  link: (chunks) => (
                    <Link href={`/incidents/${followed.id}`} className="font-medium underline">
                      {chunks}
                    </Link>
                  ),
                })}
              </p>
            ) : (
              <PreferencesForm
                save={savePreferencesAction.bind(null, token)}
                choices={componentChoices(db, page.id)}
                allComponents={s.allComponents}
                selected={selected}
                labels={{
                  legend: t("preferences.legend"),
                  everything: t("preferences.everything"),
                  some: t("preferences.some"),
                  save: t("preferences.save"),
                  saving: t("preferences.saving"),
                  chooseOne: t("preferences.chooseOne"),
                  invalid: t("preferences.invalid"),
                  invalidLink: t("preferences.invalidLink"),
                  follow: t("preferences.follow"),
                  unavailable: t("unavailable"),
                }}
              />
            )}
            {!followed && <MonthlyReportChoice token={token} on={s.monthlyReport} />}
            <div className="mt-8 flex flex-wrap gap-3 border-t border-slate-200 pt-6 dark:border-slate-700">
              <form action={pauseAction.bind(null, token, s.pausedAt === null)}>
                <Button type="submit" variant="secondary">
                  {s.pausedAt === null ? t("pause") : t("resume")}
                </Button>
              </form>
              <form action={unsubscribeAction.bind(null, token)}>
                <Button type="submit" variant="danger-outline">
                  {t("unsubscribe")}
                </Button>
              </form>
            </div>
          </>
        )}
        <LanguageForm
          save={languageAction.bind(null, token)}
          current={locale}
          labels={{ label: t("language.label"), save: t("language.save") }}
        />
      </div>
    </PageShell>
  );
}

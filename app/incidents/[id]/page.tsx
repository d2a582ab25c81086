import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { ImpactBadge, UpdateEntry } from "@/components/incident-parts";
import { LocalTime } from "@/components/local-time";
import { Markdown } from "@/components/markdown";
import { PageShell } from "@/components/page-shell";
import { FollowForm } from "@/components/follow-form";
import { SmsFollowForm } from "@/components/sms-follow-form";
import { getConfig } from "@/core/config";
import { followIsOver } from "@/core/incident-follow";
import { isId } from "@/core/ids";
import { loadPage, statusMetadata } from "@/services/public-page";
import type { Audience } from "@/db/constants";
import { currentAudience, pageAudience } from "@/services/viewers/request";
import { listOf } from "@/components/incident-parts";
import { durationIn } from "@/core/i18n/duration";
import { hrefIn } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

function load(id: string, audience: Audience) {
  return isId(id) ? getPublicIncident(getDb(), id, audience) : undefined;
}

/** What a visitor can still follow of this incident: its updates, only its postmortem, or nothing. */
function followOffer(incident: Parameters<typeof followIsOver>[0]): "updates" | "postmortem" | "none" {
  const now = Date.now();
  if (followIsOver(incident, true, now)) return "none";
  return followIsOver(incident, false, now) ? "postmortem" : "updates";
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const item = load((await params).id, (await currentAudience()).audience);
  const lang = await publicLocale();
  const t = translator(lang.locale, "incident");
  if (!item) return statusMetadata(t("notFound"), lang);
  const base = statusMetadata(item.incident.name, lang);
  const latest = item.updates[0];
  const label = (u: { label: string; status: typeof item.incident.status }) =>
    u.label === "Update" ? t("update") : t(`status.${u.status}`);
  const description = latest ? `${label(latest)}: ${latest.body.slice(0, 200)}` : t(`status.${item.incident.status}`);
  const title = String(base.title);
  return {
    ...base,
    description,
    openGraph: { title, description, type: "article", url: lang.path, locale: lang.locale },
    twitter: { card: "summary", title, description },
  };
}

export default async function IncidentPage({ params }: Props) {
  const page = loadPage();
  const item = load((await params).id, (await pageAudience()).audience);
  if (!page || !item) notFound();
  const { incident } = item;
  const tz = page.timeZone;
  const isMaintenance = incident.kind === "maintenance";
  const end = incident.resolvedAt;
  const offer = followOffer(incident);
  const lang = await publicLocale();
  const t = translator(lang.locale, "incident");
  const time = (at: number) => <LocalTime at={at} timeZone={tz} locale={lang.locale} />;

  return (
    <PageShell page={page} lang={lang} headingLevel={2}>
      <article>
        <header className="mb-6">
          <h1 className="text-2xl font-bold tracking-tight">{incident.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            <ImpactBadge impact={incident.impact} locale={lang.locale} />
            <span className="font-medium">{t(`status.${incident.status}`)}</span>
          </div>
          <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            {isMaintenance && incident.scheduledFor && incident.scheduledUntil && (
              <>
                <dt className="font-medium">{t("scheduled")}</dt>
                <dd>
                  {t.rich("range", {
                    from: () => time(incident.scheduledFor!),
                    to: () => time(incident.scheduledUntil!),
                  })}
                </dd>
              </>
            )}
            <dt className="font-medium">{isMaintenance ? t("started") : t("began")}</dt>
            <dd>{time(incident.startedAt)}</dd>
            {end !== null && (
              <>
                <dt className="font-medium">{isMaintenance ? t("completedAt") : t("resolvedAt")}</dt>
                <dd>{time(end)}</dd>
                <dt className="font-medium">{t("duration")}</dt>
                <dd>{durationIn(lang.locale, end - incident.startedAt)}</dd>
              </>
            )}
            <dt className="font-medium">{t("affected")}</dt>
            <dd>
              {item.components.length
                ? listOf(
                    lang.locale,
                    item.components.map((c) => c.name),
                  )
                : t("noServices")}
            </dd>
          </dl>
          {isMaintenance && incident.scheduledFor && (
            <p className="mt-3 text-sm">
              <a
                href={hrefIn(lang, `/maintenances/${incident.id}.ics`)}
                download
                className="font-medium underline underline-offset-2"
              >
                {t("addToCalendar")}
              </a>
              <span className="text-slate-600 dark:text-slate-400">
                {" · "}
                {t.rich("orSubscribeAll", {
                  all: (chunks) => (
                    <a href={hrefIn(lang, "/maintenances.ics")} className="underline underline-offset-2">
                      {chunks}
                    </a>
                  ),
                })}
              </span>
            </p>
          )}
        </header>

        {incident.postmortemBody && incident.postmortemPublishedAt && (
          <section
            aria-labelledby="postmortem"
            className="mb-8 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
          >
            <h2 id="postmortem" className="text-lg font-semibold">
              {t("postmortem")}
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {t.rich("published", { time: () => time(incident.postmortemPublishedAt!) })}
            </p>
            <Markdown source={incident.postmortemBody} className="mt-3" />
          </section>
        )}

        <section aria-labelledby="timeline">
          <h2 id="timeline" className="text-lg font-semibold">
            {t("updates")}
          </h2>
          {item.updates.length === 0 ? (
            <p className="mt-2 text-slate-600 dark:text-slate-400">{t("noUpdates")}</p>
          ) : (
            <ol className="divide-y divide-slate-200 dark:divide-slate-800">
              {item.updates.map((u) => (
                <UpdateEntry key={u.id} update={u} timeZone={tz} lang={lang} askHelpful />
              ))}
            </ol>
          )}
        </section>

        {offer !== "none" && (
          <FollowForm incidentId={incident.id} postmortemOnly={offer === "postmortem"} lang={lang} />
        )}
        {offer !== "none" && getConfig().twilio && (
          <SmsFollowForm incidentId={incident.id} postmortemOnly={offer === "postmortem"} lang={lang} />
        )}
      </article>
    </PageShell>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getHomePage } from "@/db/queries/home-page";
import { ComponentList } from "@/components/component-list";
import { IncidentCard } from "@/components/incident-parts";
import { PageShell } from "@/components/page-shell";
import { PastIncidents } from "@/components/past-incidents";
import { ReportProblem } from "@/components/report-problem";
import { StatusBanner } from "@/components/status-banner";
import { UpcomingMaintenance } from "@/components/upcoming-maintenance";
import { UptimeDefs } from "@/components/uptime-bars";
import { localDate } from "@/core/time-zone";
import { loadPage, statusMetadata } from "@/services/public-page";
import { pageAudience } from "@/services/viewers/request";
import { AudienceNote } from "@/components/audience-note";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";
import { pageTipLabels } from "@/components/uptime-bars";

// Rendered per request behind the server's page cache (server.ts), which serves repeat visits from memory.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return statusMetadata(undefined, await publicLocale());
}

export default async function StatusPage() {
  const page = loadPage();
  if (!page) notFound();
  const { audience, visibility } = await pageAudience();
  const lang = await publicLocale();
  const t = translator(lang.locale, "page");
  const data = getHomePage(getDb(), page, undefined, audience);
  const now = data.now;
  const tz = page.timeZone;
  const { inProgress, upcoming } = data.maintenances;
  const names = Object.fromEntries(data.incidentNames);

  return (
    <PageShell page={page} lang={lang}>
      <UptimeDefs />
      <AudienceNote audience={audience} visibility={visibility} lang={lang} />
      <StatusBanner status={data.status} lastUpdated={data.lastUpdated} timeZone={tz} locale={lang.locale} />

      {data.active.length > 0 && (
        <section aria-labelledby="active-incidents" className="mb-8">
          <h2 id="active-incidents" className="mb-3 text-xl font-semibold">
            {t("activeIncidents")}
          </h2>
          <div className="space-y-3">
            {data.active.map((item) => (
              <IncidentCard key={item.incident.id} item={item} timeZone={tz} lang={lang} />
            ))}
          </div>
        </section>
      )}

      {inProgress.length > 0 && (
        <section aria-labelledby="maintenance-now" className="mb-8">
          <h2 id="maintenance-now" className="mb-3 text-xl font-semibold">
            {t("maintenanceNow")}
          </h2>
          <div className="space-y-3">
            {inProgress.map((item) => (
              <IncidentCard key={item.incident.id} item={item} timeZone={tz} lang={lang} />
            ))}
          </div>
        </section>
      )}

      <section
        aria-labelledby="components-heading"
        data-incidents={JSON.stringify(names)}
        data-labels={JSON.stringify(pageTipLabels(lang.locale))}
        data-base={lang.locale === lang.defaultLocale ? "" : `/${lang.locale}`}
      >
        <h2 id="components-heading" className="mb-3 text-xl font-semibold">
          {t("services")}
        </h2>
        <ComponentList
          rows={data.rows}
          uptime={data.uptime}
          lastDate={localDate(now, tz)}
          responseTimes={{ series: data.responseTimes, now, timeZone: tz }}
          locale={lang.locale}
        />
      </section>

      <ReportProblem lang={lang} />

      {upcoming.length > 0 && (
        <UpcomingMaintenance upcoming={upcoming} recurrences={data.recurrences} timeZone={tz} lang={lang} />
      )}

      <PastIncidents days={data.pastDays} timeZone={tz} lang={lang} />
    </PageShell>
  );
}

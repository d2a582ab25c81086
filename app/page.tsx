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

// Rendered per request behind the server's page cache (server.ts), which serves repeat visits from memory.
export const dynamic = "force-dynamic";

export function generateMetadata(): Metadata {
  return statusMetadata();
}

export default async function StatusPage() {
  const page = loadPage();
  if (!page) notFound();
  const { audience, visibility } = await pageAudience();
  const data = getHomePage(getDb(), page, undefined, audience);
  const now = data.now;
  const tz = page.timeZone;
  const { inProgress, upcoming } = data.maintenances;
  const names = Object.fromEntries(data.incidentNames);

  return (
    <PageShell page={page}>
      <UptimeDefs />
      <AudienceNote audience={audience} visibility={visibility} />
      <StatusBanner status={data.status} lastUpdated={data.lastUpdated} timeZone={tz} />

      {data.active.length > 0 && (
        <section aria-labelledby="active-incidents" className="mb-8">
          <h2 id="active-incidents" className="mb-3 text-xl font-semibold">
            Active incidents
          </h2>
          <div className="space-y-3">
            {data.active.map((item) => (
              <IncidentCard key={item.incident.id} item={item} timeZone={tz} />
            ))}
          </div>
        </section>
      )}

      {inProgress.length > 0 && (
        <section aria-labelledby="maintenance-now" className="mb-8">
          <h2 id="maintenance-now" className="mb-3 text-xl font-semibold">
            Maintenance in progress
          </h2>
          <div className="space-y-3">
            {inProgress.map((item) => (
              <IncidentCard key={item.incident.id} item={item} timeZone={tz} />
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="components-heading" data-incidents={JSON.stringify(names)}>
        <h2 id="components-heading" className="mb-3 text-xl font-semibold">
          Services
        </h2>
        <ComponentList
          rows={data.rows}
          uptime={data.uptime}
          lastDate={localDate(now, tz)}
          responseTimes={{ series: data.responseTimes, now, timeZone: tz }}
        />
      </section>

      <ReportProblem />

      {upcoming.length > 0 && <UpcomingMaintenance upcoming={upcoming} recurrences={data.recurrences} timeZone={tz} />}

      <PastIncidents days={data.pastDays} timeZone={tz} />
    </PageShell>
  );
}

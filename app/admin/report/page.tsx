import type { Metadata } from "next";
import { getDb } from "@/db";
import { IMPACT_LABELS } from "@/db/constants";
import { getThePage } from "@/db/queries/settings";
import { ImpactChart } from "@/components/admin/impact-chart";
import { buttonClass } from "@/components/ui/button";
import { formatDuration } from "@/core/format";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { serviceReportFor } from "@/services/reports/service-report";

export const metadata: Metadata = { title: "Service report" };
export const dynamic = "force-dynamic";

const share = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)}%`);
const time = (ms: number | null) => (ms === null ? "–" : formatDuration(ms));

export default async function ServiceReportPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  const { value: requested, period, problem, report } = serviceReportFor(db, page, (await searchParams).period);
  return (
    <div className="service-report max-w-4xl">
      <h1 className="text-2xl font-bold">Service report{period && !problem ? `: ${period.label}` : ""}</h1>
      <form method="get" action="/admin/report" className="mt-4 flex flex-wrap items-end gap-3 print:hidden">
        <div>
          <label htmlFor="period" className="block text-sm font-medium">
            Period (month, quarter or year)
          </label>
          <input
            id="period"
            name="period"
            defaultValue={requested.slice(0, 10)}
            aria-invalid={problem ? true : undefined}
            aria-describedby="period-error"
            className="mt-1 rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Show
        </button>
        {report && period && (
          <a href={`/admin/report/csv?period=${encodeURIComponent(period.label)}`} className={buttonClass("secondary")}>
            Download CSV
          </a>
        )}
      </form>
      <p id="period-error" role={problem ? "alert" : undefined} className="mt-2 text-sm text-red-700 dark:text-red-400">
        {problem}
      </p>
      {report && (
        <>
          <section aria-labelledby="headline" className="mt-6">
            <h2 id="headline" className="text-lg font-semibold">
              Headline figures
            </h2>
            <table className="mt-2 text-sm">
              <tbody>
                {(
                  [
                    ["Incidents", String(report.incidents.length)],
                    ["Mean time to first public update", time(report.timeToFirstUpdateMs)],
                    ["Mean time to resolution (MTTR)", time(report.mttrMs)],
                    ["Heard it from us first", share(report.heardFromUsFirst)],
                    ["Visitor reports", String(report.reportCount)],
                    ["Updates found helpful", `${share(report.helpful)} of ${report.voteCount} votes`],
                  ] as const
                ).map(([label, value]) => (
                  <tr key={label}>
                    <th scope="row" className="py-1 pr-6 text-left font-normal">
                      {label}
                    </th>
                    <td className="py-1 font-semibold">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="by-impact" className="mt-6">
            <h2 id="by-impact" className="text-lg font-semibold">
              Incidents by impact
            </h2>
            <ImpactChart counts={report.byImpact} />
          </section>
          <section aria-labelledby="incident-list" className="mt-6">
            <h2 id="incident-list" className="text-lg font-semibold">
              Incidents
            </h2>
            {report.incidents.length === 0 ? (
              <p className="mt-2">No incidents in this period.</p>
            ) : (
              <div className="mt-2 overflow-x-auto">
                <table className="text-sm">
                  <thead>
                    <tr>
                      {["Incident", "Impact", "Started", "To first update", "To resolution"].map((h) => (
                        <th key={h} scope="col" className="pr-4 text-left">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {report.incidents.map((i) => (
                      <tr key={i.id}>
                        <td className="pr-4">
                          <a href={`/admin/incidents/${i.id}`} className="underline">
                            {i.name}
                          </a>
                        </td>
                        <td className="pr-4">{IMPACT_LABELS[i.impact]}</td>
                        <td className="pr-4">{formatInZone(i.startedAt, page.timeZone)}</td>
                        <td className="pr-4">
                          {i.firstPostedAt === null ? "not posted" : time(Math.max(0, i.firstPostedAt - i.startedAt))}
                        </td>
                        <td>{i.resolvedAt === null ? "open" : time(i.resolvedAt - i.startedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}

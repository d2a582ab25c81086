import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { REPORT_PROBLEM_LABELS, REPORT_STATES, type ReportState } from "@/db/constants";
import { getThePage } from "@/db/queries/settings";
import { unattendedSpikes, wantsReportSpikeAlerts } from "@/db/queries/visitor-reports";
import { requireUser } from "@/services/auth/dal";
import { hasRole } from "@/services/auth/roles";
import { formatInZone } from "@/services/console/incident-display";
import { triageGroups } from "@/services/reports/triage-read";
import { encodeGroupRef } from "@/core/visitor-reports";
import { buttonClass } from "@/components/ui/button";
import { CloseGroupForm, SpikeOptInForm, SpikeRuleForm } from "./report-forms";

export const metadata: Metadata = { title: "Visitor reports" };
export const dynamic = "force-dynamic";

const TAB_LABELS: Record<ReportState, string> = { open: "Open", handled: "Handled", dismissed: "Dismissed" };
const tab =
  "rounded-md px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-200 aria-[current=page]:bg-blue-700 aria-[current=page]:text-white dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-blue-600";

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const user = await requireUser("editor");
  const requested = (await searchParams).state;
  const state: ReportState = REPORT_STATES.find((s) => s === requested) ?? "open";
  const db = getDb();
  const page = getThePage(db);
  const zone = page.timeZone;
  const groups = triageGroups(db, page.id, state);
  const spiking = new Set(unattendedSpikes(db, page.id).map((s) => s.componentId));
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Visitor reports</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        What visitors told you with “Something not working?”, grouped by service and by burst (reports less than an hour
        apart), newest first.
      </p>
      <nav aria-label="Report states" className="mt-4 flex gap-2">
        {REPORT_STATES.map((s) => (
          <Link
            key={s}
            href={`/admin/reports?state=${s}`}
            className={tab}
            aria-current={s === state ? "page" : undefined}
          >
            {TAB_LABELS[s]}
          </Link>
        ))}
      </nav>
      {groups.length === 0 && <p className="mt-6">No {TAB_LABELS[state].toLowerCase()} reports.</p>}
      <ul className="mt-6 space-y-6">
        {groups.map((g) => {
          const ref = encodeGroupRef(g);
          const name = g.componentName ?? "Something else";
          const title = `${name}: ${g.reports.length} report${g.reports.length === 1 ? "" : "s"}`;
          const attached = g.reports.find((r) => r.incidentId)?.incidentId;
          return (
            <li key={ref} className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
              <section aria-label={title}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="text-lg font-semibold">
                    {title}
                    {state === "open" && g.componentId && spiking.has(g.componentId) && (
                      <span className="ml-2 rounded bg-red-700 px-2 py-0.5 text-sm text-white">Spike</span>
                    )}
                  </h2>
                  <p className="text-sm text-slate-700 dark:text-slate-300">
                    {formatInZone(g.from, zone)}
                    {g.to !== g.from ? ` – ${formatInZone(g.to, zone)}` : ""}
                  </p>
                </div>
                {attached && (
                  <p className="mt-1 text-sm">
                    Part of{" "}
                    <Link href={`/admin/incidents/${attached}`} className="underline">
                      an incident
                    </Link>
                    .
                  </p>
                )}
                <ul className="mt-3 space-y-2">
                  {g.reports.map((r) => (
                    <li key={r.id} className="border-l-4 border-slate-300 pl-3 dark:border-slate-600">
                      <p className="text-sm text-slate-700 dark:text-slate-300">
                        {formatInZone(r.createdAt, zone)} · {REPORT_PROBLEM_LABELS[r.problem]}
                        {r.hasEmail ? " · left an address" : ""}
                      </p>
                      {r.details && <p className="whitespace-pre-line break-words">{r.details}</p>}
                    </li>
                  ))}
                </ul>
                {state === "open" && (
                  <div className="mt-4 flex flex-wrap items-center gap-3">
                    <Link
                      href={`/admin/incidents/new?reports=${encodeURIComponent(ref)}`}
                      className={buttonClass("primary", "sm")}
                    >
                      Declare incident<span className="sr-only"> from these reports ({name})</span>
                    </Link>
                    <CloseGroupForm group={ref} label={name} />
                  </div>
                )}
              </section>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby="spike-settings" className="mt-10 border-t border-slate-300 pt-6 dark:border-slate-700">
        <h2 id="spike-settings" className="text-lg font-semibold">
          Spikes
        </h2>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          A spike is {page.reportSpikeThreshold} reports about one service within {page.reportSpikeMinutes} minutes. It
          shows at the top of the overview, and members who ask for it get one email per spike.
        </p>
        <div className="mt-4 space-y-6">
          <SpikeOptInForm on={wantsReportSpikeAlerts(db, user.id)} />
          {hasRole(user.role, "admin") && (
            <SpikeRuleForm threshold={page.reportSpikeThreshold} minutes={page.reportSpikeMinutes} />
          )}
        </div>
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DoneNotice } from "@/components/admin/done-notice";
import { ResponseChart } from "@/components/admin/response-chart";
import { getDb } from "@/db";
import { COMPONENT_STATUS_LABELS, INCIDENT_MODE_LABELS, MONITOR_KIND_LABELS } from "@/db/constants";
import { findMonitor, monitoredServiceName, stateChanges } from "@/db/queries/monitors";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { chartPoints, lastDayResults, type ChartRange } from "@/services/monitors/chart";
import { PauseButton, RunNow } from "../monitor-buttons";

export const metadata: Metadata = { title: "Monitor" };
export const dynamic = "force-dynamic";

const RANGES: [ChartRange, string][] = [
  ["24h", "24 hours"],
  ["7d", "7 days"],
  ["90d", "90 days"],
];

export default async function MonitorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string; range?: string }>;
}) {
  const user = await requireUser("editor");
  const { id } = await params;
  const { done, range: rawRange } = await searchParams;
  const db = getDb();
  const monitor = findMonitor(db, id);
  if (!monitor) notFound();
  const zone = getThePage(db).timeZone;
  const fmt = (at: number) => formatInZone(at, zone);
  const range = RANGES.find(([r]) => r === rawRange)?.[0] ?? "24h";
  const serviceName = monitoredServiceName(db, monitor.componentId);
  const results = lastDayResults(db, id, 20);
  const changes = stateChanges(db, id, 20);
  const canManage = user.role !== "editor";
  return (
    <div className="max-w-4xl">
      <p>
        <Link href="/admin/monitors" className="text-sm font-medium underline">
          Monitors
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{monitor.name}</h1>
      <DoneNotice done={done} />
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="inline font-medium">State: </dt>
          <dd className="inline" data-testid="monitor-state">
            {monitor.paused ? "Paused" : monitor.state}
          </dd>
        </div>
        <div>
          <dt className="inline font-medium">Kind: </dt>
          <dd className="inline">{MONITOR_KIND_LABELS[monitor.kind]}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Service: </dt>
          <dd className="inline">{serviceName ?? "none"}</dd>
        </div>
        <div>
          <dt className="inline font-medium">A failure means: </dt>
          <dd className="inline">{COMPONENT_STATUS_LABELS[monitor.failureStatus]}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Every: </dt>
          <dd className="inline">
            {monitor.intervalSeconds} s, down after {monitor.failuresBeforeDown}, up after {monitor.successesBeforeUp}
          </dd>
        </div>
        <div>
          <dt className="inline font-medium">Incidents: </dt>
          <dd className="inline">{INCIDENT_MODE_LABELS[monitor.incidentMode]}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Last check: </dt>
          <dd className="inline">
            {monitor.lastCheckedAt
              ? `${fmt(monitor.lastCheckedAt)}${monitor.lastError ? ` — ${monitor.lastError}` : ""}`
              : "never"}
          </dd>
        </div>
      </dl>
      {canManage && (
        <div className="mt-4 flex flex-wrap items-start gap-4">
          <RunNow id={id} />
          <PauseButton id={id} paused={monitor.paused} />
          <Link href={`/admin/monitors/${id}/edit`} className="py-2 font-medium underline">
            Edit
          </Link>
          <Link
            href={`/admin/monitors/${id}/delete`}
            className="py-2 font-medium text-red-700 underline dark:text-red-300"
          >
            Delete
          </Link>
        </div>
      )}
      <nav aria-label="Chart period" className="mt-6 flex gap-4 text-sm">
        {RANGES.map(([r, label]) => (
          <Link
            key={r}
            href={`/admin/monitors/${id}?range=${r}`}
            aria-current={r === range ? "page" : undefined}
            className="font-medium underline aria-[current=page]:no-underline"
          >
            {label}
          </Link>
        ))}
      </nav>
      <ResponseChart
        points={chartPoints(db, id, range)}
        label={`Response time, last ${RANGES.find(([r]) => r === range)![1]}`}
        format={fmt}
      />
      <h2 className="mt-6 text-lg font-semibold">Recent results</h2>
      <div className="overflow-x-auto">
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Result</th>
              <th scope="col">Response</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.id}>
                <td>{fmt(r.at)}</td>
                <td>{r.outcome}</td>
                <td>{r.responseMs === null ? "—" : `${r.responseMs} ms`}</td>
                <td className="break-all">{r.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mt-6 text-lg font-semibold">State changes</h2>
      <ul className="mt-2 text-sm">
        {changes.map((c) => (
          <li key={c.id}>
            {fmt(c.at)}: {c.fromState} → {c.toState}
            {c.reason ? ` (${c.reason})` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

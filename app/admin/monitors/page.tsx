import type { Metadata } from "next";
import Link from "next/link";
import { DoneNotice } from "@/components/admin/done-notice";
import { getDb } from "@/db";
import { MONITOR_KIND_LABELS } from "@/db/constants";
import { listMonitors, waitingDrafts, wantsMonitorAlerts } from "@/db/queries/monitors";
import { incidentLinks, sparklines, uptimeLastDay } from "@/services/monitors/chart";
import { Sparkline } from "@/components/admin/sparkline";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { DraftButtons, AlertOptIn } from "./monitor-buttons";

export const metadata: Metadata = { title: "Monitors" };
export const dynamic = "force-dynamic";

const primary =
  "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";
const STATE_LABEL = {
  unknown: "Waiting for the first check",
  up: "Up",
  degraded: "Slow (degraded)",
  down: "Down",
} as const;

export default async function MonitorsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireUser("editor");
  const { done } = await searchParams;
  const db = getDb();
  const zone = getThePage(db).timeZone;
  const monitors = listMonitors(db);
  const uptime = uptimeLastDay(db);
  const lines = sparklines(db);
  const incidentOf = incidentLinks(db);
  const drafts = waitingDrafts(db);
  const optedIn = wantsMonitorAlerts(db, user.id);
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Monitors</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Checks this server runs by itself. A monitor that is down claims a status for its service; the page follows
        (open incidents and maintenance come first).
      </p>
      <DoneNotice done={done} />
      {drafts.length > 0 && (
        <section aria-labelledby="drafts" className="mt-4 rounded-lg border-2 border-amber-500 p-4">
          <h2 id="drafts" className="text-lg font-semibold">
            Draft incidents waiting for you
          </h2>
          <ul className="mt-2 space-y-3">
            {drafts.map((d) => (
              <li key={d.id}>
                <p>
                  <strong>{d.title}</strong> — {d.serviceName}, since {formatInZone(d.createdAt, zone)}
                </p>
                <DraftButtons id={d.id} title={d.title} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        {user.role !== "editor" && (
          <Link href="/admin/monitors/new" className={primary}>
            New monitor
          </Link>
        )}
        <AlertOptIn on={optedIn} />
      </div>
      {monitors.length === 0 ? (
        <p className="mt-6">No monitors yet.</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm [&_td]:pr-4 [&_td]:align-top [&_th]:pr-4 [&_th]:align-bottom">
            <thead>
              <tr>
                <th scope="col">Monitor</th>
                <th scope="col">State</th>
                <th scope="col">Last check</th>
                <th scope="col">Response</th>
                <th scope="col">Last 24 h</th>
                <th scope="col">Uptime 24 h</th>
                <th scope="col">Incident</th>
              </tr>
            </thead>
            <tbody>
              {monitors.map((m) => {
                const u = uptime.get(m.id);
                const incident = incidentOf.get(m.id);
                return (
                  <tr key={m.id} className="border-t border-slate-200 dark:border-slate-700">
                    <td className="py-2">
                      <Link href={`/admin/monitors/${m.id}`} className="font-medium underline">
                        {m.name}
                      </Link>{" "}
                      <span className="text-slate-600 dark:text-slate-400">{MONITOR_KIND_LABELS[m.kind]}</span>
                    </td>
                    <td>{m.paused ? "Paused" : STATE_LABEL[m.state]}</td>
                    <td>{m.lastCheckedAt ? formatInZone(m.lastCheckedAt, zone) : "never"}</td>
                    <td>{m.lastResponseMs !== null ? `${m.lastResponseMs} ms` : "—"}</td>
                    <td>
                      <Sparkline line={lines.get(m.id)} />
                    </td>
                    <td>{u?.total ? `${((u.up / u.total) * 100).toFixed(2)}%` : "—"}</td>
                    <td>
                      {incident ? (
                        <Link href={incident.href} className="underline">
                          {incident.label}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

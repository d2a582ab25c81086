import type { Metadata } from "next";
import Link from "next/link";
import { DoneNotice } from "@/components/admin/done-notice";
import { getDb } from "@/db";
import { INTEGRATION_KIND_LABELS } from "@/db/constants";
import { firingAlerts, listIntegrations } from "@/db/queries/integrations";
import { waitingDrafts } from "@/db/queries/monitors";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { DraftButtons } from "../monitors/monitor-buttons";

export const metadata: Metadata = { title: "Integrations" };
export const dynamic = "force-dynamic";

const primary =
  "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireUser("editor");
  const { done } = await searchParams;
  const db = getDb();
  const page = getThePage(db);
  const list = listIntegrations(db, page.id);
  // Drafts from monitors and integrations alike: one queue, shown on both pages.
  const drafts = waitingDrafts(db);
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Integrations</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Alerts from Prometheus Alertmanager, Grafana or any tool that can POST JSON. A firing alert claims a status for
        its service; resolving it gives the service back (open incidents and maintenance come first).
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
                  <strong>{d.title}</strong> — {d.serviceName}, since {formatInZone(d.createdAt, page.timeZone)}
                </p>
                <DraftButtons id={d.id} title={d.title} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {user.role !== "editor" && (
        <p className="mt-4">
          <Link href="/admin/integrations/new" className={primary}>
            New integration
          </Link>
        </p>
      )}
      {list.length === 0 ? (
        <p className="mt-6">No integrations yet.</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">Integration</th>
                <th scope="col">Sends</th>
                <th scope="col">Firing now</th>
                <th scope="col">Last payload</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id} className="border-t border-slate-200 dark:border-slate-700">
                  <td className="py-2">
                    <Link href={`/admin/integrations/${i.id}`} className="font-medium underline">
                      {i.name}
                    </Link>
                  </td>
                  <td>{INTEGRATION_KIND_LABELS[i.kind]}</td>
                  <td>{firingAlerts(db, i.id).length}</td>
                  <td>{i.lastReceivedAt ? formatInZone(i.lastReceivedAt, page.timeZone) : "never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DoneNotice } from "@/components/admin/done-notice";
import { getDb } from "@/db";
import { COMPONENT_STATUS_LABELS, INCIDENT_MODE_LABELS, INTEGRATION_KIND_LABELS } from "@/db/constants";
import { findIntegration, firingAlerts, liveServices, recentPayloads } from "@/db/queries/integrations";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { isId } from "@/core/ids";
import { RotateSecret } from "../integration-form";

export const metadata: Metadata = { title: "Integration" };
export const dynamic = "force-dynamic";

const OUTCOME = {
  applied: "Applied",
  unchanged: "Nothing changed",
  unknown_service: "Unknown service",
  rejected: "Rejected",
} as const;

type AlertDetail = { fingerprint: string; service: string | null; did: string; reason?: string };

export default async function IntegrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const user = await requireUser("editor");
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const db = getDb();
  const integration = isId(id) ? findIntegration(db, id) : undefined;
  if (!integration) notFound();
  const zone = getThePage(db).timeZone;
  const names = new Map(liveServices(db, integration.pageId).map((s) => [s.id, s.name]));
  const firing = firingAlerts(db, id);
  const payloads = recentPayloads(db, id);
  return (
    <div className="max-w-5xl">
      <p>
        <Link href="/admin/integrations" className="text-sm font-medium underline">
          Integrations
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{integration.name}</h1>
      <DoneNotice done={done} />
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Sends</dt>
        <dd>{INTEGRATION_KIND_LABELS[integration.kind]}</dd>
        <dt className="font-medium">Intake</dt>
        <dd className="break-all">
          <code>POST /api/integrations/{id}/&lt;secret&gt;</code> (the secret was shown once)
        </dd>
        <dt className="font-medium">Severities</dt>
        <dd>
          {Object.entries(integration.severityMap)
            .map(([k, v]) => `${k}: ${COMPONENT_STATUS_LABELS[v]}`)
            .join("; ") || "none"}
          ; anything else: {COMPONENT_STATUS_LABELS[integration.defaultStatus]}
        </dd>
        <dt className="font-medium">Matcher rules</dt>
        <dd>
          {integration.matchers
            .map((m) => `${m.label}=${m.value} → ${names.get(m.componentId) ?? "(deleted service)"}`)
            .join("; ") || "none"}
        </dd>
        <dt className="font-medium">When an alert fires</dt>
        <dd>{INCIDENT_MODE_LABELS[integration.incidentMode]}</dd>
      </dl>
      {user.role !== "editor" && (
        <div className="mt-4 flex flex-wrap items-start gap-4">
          <Link href={`/admin/integrations/${id}/edit`} className="font-medium underline">
            Edit
          </Link>
          <Link href={`/admin/integrations/${id}/delete`} className="font-medium underline">
            Delete
          </Link>
          <RotateSecret id={id} />
        </div>
      )}
      <h2 className="mt-8 text-lg font-semibold">Firing now</h2>
      {firing.length === 0 ? (
        <p>Nothing is firing.</p>
      ) : (
        <ul className="mt-2 list-disc pl-6">
          {firing.map((c) => (
            <li key={c.id}>
              {names.get(c.componentId) ?? "(deleted service)"}: {COMPONENT_STATUS_LABELS[c.status]}
              {c.summary ? ` — ${c.summary}` : ""}{" "}
              <span className="text-slate-600 dark:text-slate-400">since {formatInZone(c.since, zone)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-8 text-lg font-semibold">Recent payloads</h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        The last {payloads.length} of at most 100, newest first.
      </p>
      {payloads.length === 0 ? (
        <p className="mt-2">Nothing received yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Result</th>
                <th scope="col">What it did</th>
              </tr>
            </thead>
            <tbody>
              {payloads.map((p) => {
                const alerts = (Array.isArray(p.detail.alerts) ? p.detail.alerts : []) as AlertDetail[];
                return (
                  <tr key={p.id} className="border-t border-slate-200 align-top dark:border-slate-700">
                    <td className="py-2 pr-4 whitespace-nowrap">{formatInZone(p.at, zone)}</td>
                    <td className="pr-4">{OUTCOME[p.outcome]}</td>
                    <td>
                      <p>{p.summary}</p>
                      {alerts.length > 0 && (
                        <ul className="list-disc pl-5">
                          {alerts.map((a, i) => (
                            <li key={i}>
                              <code className="break-all">{a.fingerprint}</code>: {a.did.replace("_", " ")}
                              {a.service ? ` (${a.service})` : ""}
                              {a.reason ? ` — ${a.reason}` : ""}
                            </li>
                          ))}
                        </ul>
                      )}
                      <details>
                        <summary>Body</summary>
                        <pre className="overflow-x-auto whitespace-pre-wrap break-all text-xs">{p.body}</pre>
                      </details>
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

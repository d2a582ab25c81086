import type { Metadata } from "next";
import Link from "next/link";
import { DoneNotice } from "@/components/admin/done-notice";
import { getDb } from "@/db";
import { COMPONENT_STATUS_LABELS, INCIDENT_STATUS_LABELS } from "@/db/constants";
import { getThePage } from "@/db/queries/settings";
import { listTemplates } from "@/db/queries/templates";
import { requireUser } from "@/services/auth/dal";
import { MAX_TEMPLATES } from "@/services/incidents/templates";

export const metadata: Metadata = { title: "Incident templates" };

const primary =
  "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";

export default async function TemplatesPage({
  searchParams,
}: {
  searchParams: Promise<{ done?: string; n?: string }>;
}) {
  await requireUser("editor");
  const { done, n } = await searchParams;
  const db = getDb();
  const templates = listTemplates(db, getThePage(db).id);
  return (
    <div className="max-w-4xl">
      <p>
        <Link href="/admin/incidents" className="text-sm font-medium underline">
          Incidents
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Incident templates</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Saved wording to declare an incident from in seconds: a title, a message, a status and the services it usually
        affects. Up to {MAX_TEMPLATES}.
      </p>
      <DoneNotice done={done} n={n} />
      <div className="mt-4">
        <Link href="/admin/incidents/templates/new" className={primary}>
          New template
        </Link>
      </div>
      {templates.length === 0 ? (
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          No templates. Add one for the incidents you see most often, e.g. “Email delayed”.
        </p>
      ) : (
        <ul className="mt-6 space-y-3">
          {templates.map((t) => (
            <li key={t.id} className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{t.name}</h2>
                <span className="text-sm font-medium">{INCIDENT_STATUS_LABELS[t.status]}</span>
              </div>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                Title: {t.title}
                {t.componentIds.length > 0 &&
                  ` · ${t.componentIds.length} service${t.componentIds.length === 1 ? "" : "s"} set to ${COMPONENT_STATUS_LABELS[t.componentStatus].toLowerCase()}`}
              </p>
              <div className="mt-2 flex flex-wrap gap-4 text-sm">
                <Link href={`/admin/incidents/new?template=${t.id}`} className="font-medium underline">
                  Declare an incident<span className="sr-only"> from {t.name}</span>
                </Link>
                <Link href={`/admin/incidents/templates/${t.id}`} className="font-medium underline">
                  Edit<span className="sr-only"> {t.name}</span>
                </Link>
                <Link
                  href={`/admin/incidents/templates/${t.id}/delete`}
                  className="font-medium text-red-700 underline dark:text-red-300"
                >
                  Delete<span className="sr-only"> {t.name}</span>
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { AffectedServices, ConsoleTimeline, consoleCard } from "@/components/admin/console-timeline";
import { Disclosure } from "@/components/admin/disclosure";
import { DoneNotice } from "@/components/admin/done-notice";
import { ImpactBadge } from "@/components/incident-parts";
import { INCIDENT_STATUS_LABELS, type PostableIncidentStatus } from "@/db/constants";
import { findConsoleIncident, incidentServices, incidentTimeline } from "@/db/queries/console-incidents";
import { getThePage } from "@/db/queries/settings";
import { scoresForIncident } from "@/db/queries/update-votes";
import { UpdateScoreLine, incidentScoreText } from "@/components/admin/update-score";
import { requireUser } from "@/services/auth/dal";
import { hasRole } from "@/services/auth/roles";
import { formatInZone, pickerGroups } from "@/services/console/incident-display";
import { isClosedStatus } from "@/core/incident";
import { EditUpdateForm, PostUpdateForm, PostmortemForms } from "./incident-forms";

export const metadata: Metadata = { title: "Incident" };

const card = consoleCard;

export default async function IncidentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string; n?: string }>;
}) {
  const user = await requireUser("editor");
  const [{ id }, { done, n }] = await Promise.all([params, searchParams]);
  const db = getDb();
  const page = getThePage(db);
  const incident = findConsoleIncident(db, page.id, id);
  if (!incident) notFound();
  const timeline = incidentTimeline(db, incident.id);
  const services = incidentServices(db, incident.id);
  const scores = scoresForIncident(db, incident.id);
  const overall = incidentScoreText(scores);
  const closed = isClosedStatus(incident.status);
  const mayDelete = hasRole(user.role, "admin") && timeline.length > 1;
  const current = incident.status === "postmortem" ? "resolved" : (incident.status as PostableIncidentStatus);
  const postmortem = (
    <section key="postmortem" aria-labelledby="postmortem-title" className={card}>
      <h2 id="postmortem-title" className="mb-1 text-xl font-semibold">
        Postmortem
      </h2>
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
        {incident.postmortemPublishedAt
          ? `Published ${formatInZone(incident.postmortemPublishedAt, page.timeZone)}.`
          : "Not published yet."}
      </p>
      <PostmortemForms
        id={incident.id}
        body={incident.postmortemBody ?? ""}
        publishedAt={incident.postmortemPublishedAt}
      />
    </section>
  );
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <p className="text-sm">
          <Link href="/admin/incidents" className="underline">
            Incidents
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold break-words">{incident.name}</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          {INCIDENT_STATUS_LABELS[incident.status]} · <ImpactBadge impact={incident.impact} /> · started{" "}
          {formatInZone(incident.startedAt, page.timeZone)}
          {incident.backfilled ? " · backfilled, never notifies" : ""}
        </p>
        <AffectedServices services={services} />
        {overall && <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{overall}</p>}
        <p className="mt-1 text-sm">
          <Link href={`/incidents/${incident.id}`} className="underline">
            View on the public page
          </Link>
        </p>
        <DoneNotice done={done} n={n} />
      </div>

      {/* A resolved incident's next job is usually its postmortem, so it comes first and the update form
          folds away; the keys keep the form (and its answer) when resolving moves it. */}
      {closed && postmortem}
      <section key="update" aria-labelledby="post-title" className={card}>
        <Disclosure
          initiallyOpen={!closed}
          headingId="post-title"
          heading={closed ? "Reopen or add an update" : "Post an update"}
        >
          <PostUpdateForm id={incident.id} current={current} resolved={closed} groups={pickerGroups(db, page.id)} />
        </Disclosure>
      </section>

      <ConsoleTimeline
        key="timeline"
        timeline={timeline}
        timeZone={page.timeZone}
        notes={(u) => `${u.editedAt ? " · corrected" : ""}${u.deliverNotifications ? "" : " · not notified"}`}
        extra={(u) => (
          <>
            <UpdateScoreLine score={scores.get(u.id)} />
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium underline">Correct the text</summary>
              <EditUpdateForm id={incident.id} updateId={u.id} body={u.body} />
            </details>
            {mayDelete && (
              <p className="mt-2 text-sm">
                <Link
                  href={`/admin/incidents/${incident.id}/updates/${u.id}/delete`}
                  className="font-medium text-red-700 underline dark:text-red-300"
                >
                  Delete this update
                </Link>
              </p>
            )}
          </>
        )}
      />

      {!closed && (
        <section key="postmortem-later" aria-labelledby="postmortem-title" className={card}>
          <h2 id="postmortem-title" className="mb-1 text-xl font-semibold">
            Postmortem
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">Resolve the incident to write its postmortem.</p>
        </section>
      )}
    </div>
  );
}

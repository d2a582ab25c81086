import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { ImpactBadge, UpdateEntry } from "@/components/incident-parts";
import { LocalTime } from "@/components/local-time";
import { Markdown } from "@/components/markdown";
import { PageShell } from "@/components/page-shell";
import { INCIDENT_STATUS_LABELS } from "@/db/constants";
import { FollowForm } from "@/components/follow-form";
import { SmsFollowForm } from "@/components/sms-follow-form";
import { getConfig } from "@/core/config";
import { DEFAULT_LOCALE } from "@/core/i18n/locales";
import { formatDuration } from "@/core/format";
import { followIsOver } from "@/core/incident-follow";
import { isId } from "@/core/ids";
import { loadPage, statusMetadata } from "@/services/public-page";
import type { Audience } from "@/db/constants";
import { currentAudience, pageAudience } from "@/services/viewers/request";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

function load(id: string, audience: Audience) {
  return isId(id) ? getPublicIncident(getDb(), id, audience) : undefined;
}

/** What a visitor can still follow of this incident: its updates, only its postmortem, or nothing. */
function followOffer(incident: Parameters<typeof followIsOver>[0]): "updates" | "postmortem" | "none" {
  const now = Date.now();
  if (followIsOver(incident, true, now)) return "none";
  return followIsOver(incident, false, now) ? "postmortem" : "updates";
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const item = load((await params).id, (await currentAudience()).audience);
  if (!item) return statusMetadata("Not found");
  const base = statusMetadata(item.incident.name);
  const latest = item.updates[0];
  const description = latest
    ? `${latest.label}: ${latest.body.slice(0, 200)}`
    : INCIDENT_STATUS_LABELS[item.incident.status];
  const title = String(base.title);
  return {
    ...base,
    description,
    openGraph: { title, description, type: "article", url: `/incidents/${item.incident.id}` },
    twitter: { card: "summary", title, description },
  };
}

export default async function IncidentPage({ params }: Props) {
  const page = loadPage();
  const item = load((await params).id, (await pageAudience()).audience);
  if (!page || !item) notFound();
  const { incident } = item;
  const tz = page.timeZone;
  const isMaintenance = incident.kind === "maintenance";
  const end = incident.resolvedAt;
  const offer = followOffer(incident);

  return (
    <PageShell page={page} headingLevel={2}>
      <article>
        <header className="mb-6">
          <h1 className="text-2xl font-bold tracking-tight">{incident.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            <ImpactBadge impact={incident.impact} />
            <span className="font-medium">{INCIDENT_STATUS_LABELS[incident.status]}</span>
          </div>
          <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            {isMaintenance && incident.scheduledFor && incident.scheduledUntil && (
              <>
                <dt className="font-medium">Scheduled</dt>
                <dd>
                  <LocalTime at={incident.scheduledFor} timeZone={tz} /> to{" "}
                  <LocalTime at={incident.scheduledUntil} timeZone={tz} />
                </dd>
              </>
            )}
            <dt className="font-medium">{isMaintenance ? "Started" : "Began"}</dt>
            <dd>
              <LocalTime at={incident.startedAt} timeZone={tz} />
            </dd>
            {end !== null && (
              <>
                <dt className="font-medium">{isMaintenance ? "Completed" : "Resolved"}</dt>
                <dd>
                  <LocalTime at={end} timeZone={tz} />
                </dd>
                <dt className="font-medium">Duration</dt>
                <dd>{formatDuration(end - incident.startedAt)}</dd>
              </>
            )}
            <dt className="font-medium">Affected</dt>
            <dd>{item.components.length ? item.components.map((c) => c.name).join(", ") : "No services listed"}</dd>
          </dl>
          {isMaintenance && incident.scheduledFor && (
            <p className="mt-3 text-sm">
              <a
                href={`/maintenances/${incident.id}.ics`}
                download
                className="font-medium underline underline-offset-2"
              >
                Add to calendar (.ics)
              </a>
              <span className="text-slate-600 dark:text-slate-400">
                {" "}
                · or subscribe to{" "}
                <a href="/maintenances.ics" className="underline underline-offset-2">
                  all maintenance
                </a>
              </span>
            </p>
          )}
        </header>

        {incident.postmortemBody && incident.postmortemPublishedAt && (
          <section
            aria-labelledby="postmortem"
            className="mb-8 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
          >
            <h2 id="postmortem" className="text-lg font-semibold">
              Postmortem
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Published <LocalTime at={incident.postmortemPublishedAt} timeZone={tz} />
            </p>
            <Markdown source={incident.postmortemBody} className="mt-3" />
          </section>
        )}

        <section aria-labelledby="timeline">
          <h2 id="timeline" className="text-lg font-semibold">
            Updates
          </h2>
          {item.updates.length === 0 ? (
            <p className="mt-2 text-slate-600 dark:text-slate-400">No updates yet.</p>
          ) : (
            <ol className="divide-y divide-slate-200 dark:divide-slate-800">
              {item.updates.map((u) => (
                <UpdateEntry key={u.id} update={u} timeZone={tz} askHelpful />
              ))}
            </ol>
          )}
        </section>

        {offer !== "none" && <FollowForm incidentId={incident.id} postmortemOnly={offer === "postmortem"} />}
        {offer !== "none" && getConfig().twilio && (
          <SmsFollowForm incidentId={incident.id} postmortemOnly={offer === "postmortem"} locale={DEFAULT_LOCALE} />
        )}
      </article>
    </PageShell>
  );
}

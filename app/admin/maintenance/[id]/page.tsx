import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { AffectedServices, ConsoleTimeline, consoleCard } from "@/components/admin/console-timeline";
import { DoneNotice } from "@/components/admin/done-notice";
import { INCIDENT_STATUS_LABELS, type MaintenanceStatus } from "@/db/constants";
import { incidentServices, incidentTimeline } from "@/db/queries/console-incidents";
import { findConsoleMaintenance } from "@/db/queries/console-maintenance";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone, toLocalDateTime } from "@/services/console/incident-display";
import { PostMaintenanceUpdateForm, RescheduleForm } from "../maintenance-forms";
import { formatMinutes } from "@/core/format";

export const metadata: Metadata = { title: "Maintenance" };

const card = consoleCard;

export default async function MaintenanceDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string; n?: string }>;
}) {
  await requireUser("editor");
  const [{ id }, { done, n }] = await Promise.all([params, searchParams]);
  const db = getDb();
  const page = getThePage(db);
  const m = findConsoleMaintenance(db, page.id, id);
  if (!m) notFound();
  const status = m.status as MaintenanceStatus;
  const over = status === "completed" || status === "cancelled";
  const services = incidentServices(db, m.id);
  const timeline = incidentTimeline(db, m.id);
  const tz = page.timeZone;
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <p className="text-sm">
          <Link href="/admin/maintenance" className="underline">
            Maintenance
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold break-words">{m.name}</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          {INCIDENT_STATUS_LABELS[status]}
          {m.scheduledFor !== null &&
            m.scheduledUntil !== null &&
            ` · ${formatInZone(m.scheduledFor, tz)} to ${formatInZone(m.scheduledUntil, tz)}`}
        </p>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          {m.autoStart ? "Starts automatically" : "Started by hand"} ·{" "}
          {m.autoComplete ? "completes automatically" : "completed by hand"}
          {m.remindBeforeMinutes ? ` · reminder ${formatMinutes(m.remindBeforeMinutes)} before` : ""}
        </p>
        <AffectedServices services={services} />
        <p className="mt-1 text-sm">
          <Link href={`/incidents/${m.id}`} className="underline">
            View on the public page
          </Link>
        </p>
        <DoneNotice done={done} n={n} />
      </div>

      {!over && (
        <>
          <section aria-labelledby="post-title" className={card}>
            <h2 id="post-title" className="mb-3 text-xl font-semibold">
              Post an update or move it on
            </h2>
            <PostMaintenanceUpdateForm id={m.id} status={status} />
          </section>
          {m.scheduledFor !== null && m.scheduledUntil !== null && (
            <section aria-labelledby="reschedule-title" className={card}>
              <h2 id="reschedule-title" className="mb-3 text-xl font-semibold">
                Reschedule
              </h2>
              <RescheduleForm
                id={m.id}
                timeZone={tz}
                initial={{
                  startsAt: toLocalDateTime(m.scheduledFor, tz),
                  endsAt: toLocalDateTime(m.scheduledUntil, tz),
                }}
              />
            </section>
          )}
          <p>
            <Link
              href={`/admin/maintenance/${m.id}/cancel`}
              className="font-medium text-red-700 underline dark:text-red-300"
            >
              Cancel this maintenance
            </Link>
          </p>
        </>
      )}

      <ConsoleTimeline
        timeline={timeline}
        timeZone={tz}
        notes={(u) => (u.createdBy === null && u.apiKeyId === null ? " · automatic" : "")}
      />
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { findRecurrence, scheduledOccurrences } from "@/db/queries/console-maintenance";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { ID_PATTERN } from "@/core/ids";
import { StopRecurrenceForm } from "../../recurrence-form";

export const metadata: Metadata = { title: "Stop recurring maintenance" };

export default async function StopRecurrencePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("editor");
  const { id } = await params;
  const db = getDb();
  const rule = ID_PATTERN.test(id) ? findRecurrence(db, getThePage(db).id, id) : null;
  if (!rule || !rule.active) notFound();
  const upcoming = scheduledOccurrences(db, id).length;
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Stop “{rule.name}” repeating?</h1>
      <p className="mt-4 text-slate-800 dark:text-slate-200">
        No new occurrences will be scheduled. Past and running windows stay as they are.
      </p>
      <StopRecurrenceForm id={id} upcoming={upcoming} />
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/admin/confirm-form";
import { getDb } from "@/db";
import { findMonitor } from "@/db/queries/monitors";
import { requireUser } from "@/services/auth/dal";
import { deleteMonitorAction } from "../../actions";

export const metadata: Metadata = { title: "Delete monitor" };

export default async function DeleteMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("admin");
  const { id } = await params;
  const monitor = findMonitor(getDb(), id);
  if (!monitor) notFound();
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Delete “{monitor.name}”?</h1>
      <p className="mt-2">
        Its results and roll-ups are deleted with it. Its claim on its service ends, so the service goes back to what
        the rest of the page says. Incidents it opened stay.
      </p>
      <ConfirmForm
        action={deleteMonitorAction}
        fields={{ id }}
        confirmLabel="Delete the monitor"
        cancelHref={`/admin/monitors/${id}`}
      />
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { findConsoleMaintenance } from "@/db/queries/console-maintenance";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { CancelMaintenanceForm } from "../../maintenance-forms";

export const metadata: Metadata = { title: "Cancel maintenance" };

export default async function CancelMaintenancePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("editor");
  const { id } = await params;
  const db = getDb();
  const maintenance = findConsoleMaintenance(db, getThePage(db).id, id);
  if (!maintenance) notFound();
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold">Cancel “{maintenance.name}”?</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        It shows as cancelled on the public page. If it has started, its services go back to the status they had before.
        This cannot be undone.
      </p>
      <CancelMaintenanceForm id={maintenance.id} />
    </div>
  );
}

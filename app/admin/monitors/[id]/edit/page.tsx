import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { findMonitor } from "@/db/queries/monitors";
import { requireUser } from "@/services/auth/dal";
import { formOptions, monitorValues } from "../../form-values";
import { MonitorForm } from "../../monitor-form";

export const metadata: Metadata = { title: "Edit monitor" };

export default async function EditMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("admin");
  const { id } = await params;
  const db = getDb();
  const monitor = findMonitor(db, id);
  if (!monitor) notFound();
  return (
    <div>
      <p>
        <Link href={`/admin/monitors/${id}`} className="text-sm font-medium underline">
          {monitor.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Edit monitor</h1>
      <MonitorForm monitor={monitorValues(monitor)} {...formOptions(db)} />
    </div>
  );
}

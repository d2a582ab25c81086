import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { MONITOR_KINDS, MONITOR_KIND_LABELS, type MonitorKind } from "@/db/constants";
import { requireUser } from "@/services/auth/dal";
import { formOptions, newMonitorValues } from "../form-values";
import { MonitorForm } from "../monitor-form";

export const metadata: Metadata = { title: "New monitor" };

export default async function NewMonitorPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await requireUser("admin");
  const { kind } = await searchParams;
  const chosen = MONITOR_KINDS.find((k) => k === kind) as MonitorKind | undefined;
  return (
    <div>
      <p>
        <Link href="/admin/monitors" className="text-sm font-medium underline">
          Monitors
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New monitor</h1>
      {!chosen ? (
        <>
          <p className="mt-2">
            What should it check? Monitors may reach internal addresses; only owners and admins create them.
          </p>
          <ul className="mt-4 space-y-2">
            {MONITOR_KINDS.map((k) => (
              <li key={k}>
                <Link href={`/admin/monitors/new?kind=${k}`} className="font-medium underline">
                  {MONITOR_KIND_LABELS[k]}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <MonitorForm monitor={newMonitorValues(chosen)} {...formOptions(getDb())} />
      )}
    </div>
  );
}

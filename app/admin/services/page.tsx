import type { Metadata } from "next";
import Link from "next/link";
import { DoneNotice } from "@/components/admin/done-notice";
import { getDb } from "@/db";
import { getServiceTree } from "@/db/queries/services";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import type { Component } from "@/db/schema";
import { ServiceList, type ListComponent, type ListRow } from "./service-list";

export const metadata: Metadata = { title: "Services" };

const primary =
  "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";
const secondary =
  "rounded-md border border-slate-400 px-4 py-2 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";

export default async function ServicesPage({ searchParams }: { searchParams: Promise<{ done?: string; n?: string }> }) {
  await requireUser("admin");
  const { done, n } = await searchParams;
  const db = getDb();
  const tree = getServiceTree(db, getThePage(db).id);
  const pick = (c: Component): ListComponent => ({
    id: c.id,
    name: c.name,
    status: c.status,
    description: c.description,
  });
  const rows: ListRow[] = tree.map((row) =>
    row.type === "group"
      ? { type: "group", id: row.group.id, name: row.group.name, components: row.components.map(pick) }
      : { type: "component", id: row.component.id, component: pick(row.component) },
  );
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Services</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        What visitors see on the status page, in this order. Drag rows, or use the arrow buttons, to change it.
      </p>
      <DoneNotice done={done} n={n} />
      <div className="mt-4 flex flex-wrap gap-3">
        <Link href="/admin/services/new" className={primary}>
          Add a service
        </Link>
        <Link href="/admin/services/groups/new" className={secondary}>
          Add a group
        </Link>
      </div>
      {rows.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-slate-400 p-6 dark:border-slate-600">
          <h2 className="font-semibold">No services yet</h2>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            Add the services your users rely on (email, VPN, the website…). Put related ones in a group to keep a long
            page tidy. Each starts as Operational.
          </p>
        </div>
      ) : (
        <ServiceList rows={rows} />
      )}
    </div>
  );
}

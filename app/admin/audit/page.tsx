import type { Metadata } from "next";
import { Address } from "@/components/admin/address";
import Link from "next/link";
import { z } from "zod";
import { getDb } from "@/db";
import { listAuditActions, listAuditEntries } from "@/db/queries/audit";
import { inputClass } from "@/components/admin/form";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { getThePage } from "@/db/queries/settings";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 100;
const filterSchema = z.object({
  action: z
    .string()
    .max(100)
    .regex(/^[a-z_.]*$/)
    .optional()
    .catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser("admin");
  const raw = await searchParams;
  const filter = filterSchema.parse({
    action: first(raw.action) || undefined,
    actor: first(raw.actor) || undefined,
    before: first(raw.before) || undefined,
  });
  const db = getDb();
  const entries = listAuditEntries(
    db,
    { action: filter.action, actor: filter.actor, beforeId: filter.before },
    PAGE_SIZE,
  );
  const actions = listAuditActions(db);
  const { timeZone } = getThePage(db);
  const prefixes = [...new Set(actions.map((a) => a.split(".")[0] + "."))];
  const older = entries.length === PAGE_SIZE ? entries.at(-1)!.id : null;
  const query = (extra: Record<string, string>) =>
    "?" +
    new URLSearchParams({
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...extra,
    }).toString();
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Who did what, and when, newest first. Passwords, codes and tokens are never recorded.
      </p>
      <form
        method="get"
        className="mt-6 flex flex-wrap items-end gap-4"
        role="search"
        aria-label="Filter the audit log"
      >
        <div>
          <label htmlFor="filter-action" className="block text-sm font-medium">
            What
          </label>
          <select id="filter-action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">Everything</option>
            {prefixes.map((p) => (
              <option key={p} value={p}>
                All {p.slice(0, -1)} events
              </option>
            ))}
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-actor" className="block text-sm font-medium">
            Who (email contains)
          </label>
          <input id="filter-actor" name="actor" defaultValue={filter.actor ?? ""} className={inputClass} />
        </div>
        <Button type="submit">Filter</Button>
        {(filter.action || filter.actor) && (
          <Link href="/admin/audit" className="py-2 font-medium underline">
            Clear
          </Link>
        )}
      </form>
      <DataTable
        label="Audit entries"
        caption="Audit entries, newest first"
        className="mt-6"
        rows={entries}
        rowKey={(e) => e.id}
        empty="Nothing matches. Sign-ins, changes to services, settings and the team are recorded here as they happen."
        columns={[
          { header: "When", className: "whitespace-nowrap", cell: (e) => formatInZone(e.at, timeZone) },
          {
            header: "Who",
            cell: (e) => (
              <>
                <Address>{e.actorLabel}</Address>
                {e.actorType !== "user" && <span className="text-slate-600 dark:text-slate-400"> ({e.actorType})</span>}
              </>
            ),
          },
          { header: "What", className: "font-mono", cell: (e) => e.action },
          {
            header: "Details",
            className: "font-mono text-xs [overflow-wrap:anywhere]",
            cell: (e) => (e.detail ? JSON.stringify(e.detail) : ""),
          },
          { header: "Address", className: "font-mono text-xs", cell: (e) => e.ip ?? "" },
        ]}
      />
      {older && (
        <Link
          href={`/admin/audit${query({ before: String(older) })}`}
          className="mt-4 inline-block font-medium underline"
        >
          Older entries
        </Link>
      )}
    </div>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

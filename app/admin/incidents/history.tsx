// The incident history: a GET form (bookmarkable, works without JavaScript) and one page of results.
import Link from "next/link";
import { inputClass } from "@/components/admin/form";
import type { PickerGroup } from "@/core/service-picker";
import { HISTORY_PAGE_SIZE } from "@/db/queries/console-incidents";
import { HISTORY_STATUSES, type ParsedHistoryQuery } from "@/services/console/incident-history";
import { Button } from "@/components/ui/button";

function FilterField({
  name,
  label,
  error,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  children: (p: { id: string; name: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = `history-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, name, "aria-invalid": Boolean(error), "aria-describedby": error ? `${id}-error` : undefined })}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

export function HistoryFilterForm({ query, groups }: { query: ParsedHistoryQuery; groups: PickerGroup[] }) {
  const { values, errors } = query;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form
      method="get"
      action="/admin/incidents"
      role="search"
      aria-label="Search incidents"
      className="mt-3 grid gap-3 rounded-lg border border-slate-300 p-4 sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-700"
    >
      {hasErrors && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 sm:col-span-2 lg:col-span-3 dark:bg-red-950 dark:text-red-200"
        >
          Some filters were not understood and are not applied; see below.
        </p>
      )}
      <FilterField name="q" label="Name contains" error={errors.q}>
        {(p) => <input {...p} type="search" defaultValue={values.q} maxLength={100} className={inputClass} />}
      </FilterField>
      <FilterField name="status" label="Status" error={errors.status}>
        {(p) => (
          <select {...p} defaultValue={values.status} className={inputClass}>
            <option value="">Any status</option>
            {Object.entries(HISTORY_STATUSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField name="component" label="Affected service" error={errors.component}>
        {(p) => (
          <select {...p} defaultValue={values.component} className={inputClass}>
            <option value="">Any service</option>
            {groups.map((g, i) =>
              g.name ? (
                <optgroup key={`g${i}`} label={g.name}>
                  {g.services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              ) : (
                g.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))
              ),
            )}
          </select>
        )}
      </FilterField>
      <FilterField name="from" label="Started on or after" error={errors.from}>
        {(p) => <input {...p} type="date" defaultValue={values.from} className={inputClass} />}
      </FilterField>
      <FilterField name="to" label="Started on or before" error={errors.to}>
        {(p) => <input {...p} type="date" defaultValue={values.to} className={inputClass} />}
      </FilterField>
      <div className="flex items-end gap-4">
        <Button type="submit">Search</Button>
        <Link href="/admin/incidents#history-title" className="font-medium underline">
          Clear
        </Link>
      </div>
    </form>
  );
}

export function HistoryPager({ query, total }: { query: ParsedHistoryQuery; total: number }) {
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const current = Math.min(query.page, pages);
  const link = (page: number) => {
    const params = new URLSearchParams(Object.entries(query.values).filter(([, v]) => v));
    if (page > 1) params.set("page", String(page));
    const qs = params.toString();
    return `/admin/incidents${qs ? `?${qs}` : ""}#history-title`;
  };
  const first = total === 0 ? 0 : (current - 1) * HISTORY_PAGE_SIZE + 1;
  const last = Math.min(total, current * HISTORY_PAGE_SIZE);
  return (
    <nav aria-label="History pages" className="mt-4 flex flex-wrap items-center gap-4 text-sm">
      <span>{total === 0 ? "No incidents match." : `Showing ${first}–${last} of ${total}`}</span>
      {current > 1 && (
        <Link href={link(current - 1)} className="font-medium underline">
          Previous page
        </Link>
      )}
      {current < pages && (
        <Link href={link(current + 1)} className="font-medium underline">
          Next page
        </Link>
      )}
    </nav>
  );
}

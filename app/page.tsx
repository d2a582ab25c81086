import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { COMPONENT_STATUS_LABELS } from "@/db/constants";
import { getComponentTree, getOverallStatus, getPage } from "@/db/queries/status-page";
import type { Component } from "@/db/schema";
import { INDICATOR_TONE, STATUS_TONE, StatusIcon, TONE_BG } from "@/components/status-icon";

// Read from the database on each request for now; the public-page work replaces this with a tagged cache.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const db = getDb();
  const page = getPage(db);
  if (!page) return {};
  const status = getOverallStatus(db, page.id);
  return { title: `${page.name} Status - ${status.description}` };
}

function ComponentLine({ component }: { component: Component }) {
  const tone = STATUS_TONE[component.status];
  return (
    <li className="flex items-start justify-between gap-4 px-4 py-3">
      <div className="min-w-0">
        <p className="font-medium">{component.name}</p>
        {component.description && <p className="text-sm text-slate-600 dark:text-slate-400">{component.description}</p>}
      </div>
      <p className="flex shrink-0 items-center gap-1.5 text-sm font-medium">
        <StatusIcon tone={tone} />
        <span>{COMPONENT_STATUS_LABELS[component.status]}</span>
      </p>
    </li>
  );
}

export default function StatusPage() {
  const db = getDb();
  const page = getPage(db);
  if (!page) notFound();
  const status = getOverallStatus(db, page.id);
  const rows = getComponentTree(db, page.id);
  const tone = INDICATOR_TONE[status.indicator];

  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:py-12">
      <header className="mb-8">
        <h1 className="text-2xl font-bold tracking-tight">{page.name}</h1>
      </header>
      <main>
        <section aria-labelledby="overall-status" className={`${TONE_BG[tone]} mb-10 rounded-lg px-5 py-4 text-white dark:text-slate-950`}>
          <h2 id="overall-status" className="text-lg font-semibold" data-indicator={status.indicator}>
            {status.description}
          </h2>
        </section>

        <section aria-labelledby="components-heading">
          <h2 id="components-heading" className="sr-only">
            Services
          </h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {rows.map((row) =>
              row.type === "component" ? (
                (!row.component.onlyShowIfDegraded || row.component.status !== "operational") && (
                  <ComponentLine key={row.component.id} component={row.component} />
                )
              ) : (
                <li key={row.group.id}>
                  <details className="group" open={row.status !== "operational"}>
                    <summary className="flex cursor-pointer list-none items-center justify-between gap-4 px-4 py-3 font-semibold [&::-webkit-details-marker]:hidden">
                      <span className="flex items-center gap-2">
                        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden className="size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-90">
                          <path fillRule="evenodd" d="M7.2 14.8a1 1 0 0 1 0-1.4L10.6 10 7.2 6.6a1 1 0 0 1 1.4-1.4l4.1 4.1a1 1 0 0 1 0 1.4l-4.1 4.1a1 1 0 0 1-1.4 0Z" clipRule="evenodd" />
                        </svg>
                        {row.group.name}
                      </span>
                      <span className="flex items-center gap-1.5 text-sm">
                        <StatusIcon tone={STATUS_TONE[row.status]} />
                        {COMPONENT_STATUS_LABELS[row.status]}
                      </span>
                    </summary>
                    <ul className="divide-y divide-slate-100 border-t border-slate-100 pl-4 dark:divide-slate-900 dark:border-slate-900">
                      {row.components
                        .filter((c) => !c.onlyShowIfDegraded || c.status !== "operational")
                        .map((c) => (
                          <ComponentLine key={c.id} component={c} />
                        ))}
                    </ul>
                  </details>
                </li>
              ),
            )}
          </ul>
        </section>
      </main>
      {page.footerText && <footer className="mt-10 text-sm text-slate-600 dark:text-slate-400">{page.footerText}</footer>}
    </div>
  );
}

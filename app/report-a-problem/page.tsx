import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { reportPageData } from "@/db/queries/report-page";
import { getPageRow } from "@/db/queries/subscribers";
import { LocalTime } from "@/components/local-time";
import { PageShell } from "@/components/page-shell";
import { isId } from "@/core/ids";
import { ReportForm } from "./report-form";

// Not cached (it is a form with an answer); the public page links here with the service chosen.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Report a problem" };

export default async function ReportProblemPage({
  searchParams,
}: {
  searchParams: Promise<{ service?: string | string[] }>;
}) {
  const db = getDb();
  const page = getPageRow(db);
  if (!page) notFound();
  const requested = (await searchParams).service;
  const serviceId = typeof requested === "string" && isId(requested) ? requested : null;
  const { choices, service, known } = reportPageData(db, page.id, serviceId);
  return (
    <PageShell page={page} headingLevel={2}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-bold">Something not working?</h1>
        {known.length > 0 && (
          <section
            aria-labelledby="known-title"
            className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
          >
            <h2 id="known-title" className="font-semibold">
              We know{service ? ` about ${service.name}` : ""}
            </h2>
            <ul className="mt-2 space-y-3">
              {known.map((item) => {
                const last = item.updates[0];
                return (
                  <li key={item.incident.id}>
                    <p>
                      <strong>{item.incident.name}</strong>
                      {last ? (
                        <>
                          , last update <LocalTime at={last.displayAt} timeZone={page.timeZone} />: {last.label}
                        </>
                      ) : null}
                    </p>
                    <a href={`/incidents/${item.incident.id}`} className="underline">
                      Follow “{item.incident.name}”
                    </a>
                  </li>
                );
              })}
            </ul>
            <p className="mt-3 text-sm">Still tell us if what you see is different: your report joins the incident.</p>
          </section>
        )}
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          Tell the team what does not work. No account needed; an address is optional.
        </p>
        <div className="mt-6">
          <ReportForm choices={choices} service={service?.id ?? (requested === "other" ? "other" : null)} />
        </div>
      </div>
    </PageShell>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { inputClass } from "@/components/admin/form";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { listTemplates } from "@/db/queries/templates";
import { requireUser } from "@/services/auth/dal";
import { pickerGroups } from "@/services/console/incident-display";
import { ID_PATTERN } from "@/core/ids";
import { declarationFromTemplate } from "@/services/incidents/templates";
import { DeclareIncidentForm } from "../declare-form";
import { decodeGroupRef, encodeGroupRef } from "@/core/visitor-reports";
import { declarationFromReportGroup } from "@/services/reports/triage";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Declare incident" };

export default async function NewIncidentPage({
  searchParams,
}: {
  searchParams: Promise<{ template?: string | string[]; reports?: string | string[] }>;
}) {
  await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  const templates = listTemplates(db, page.id);
  const params = await searchParams;
  const requested = params.template;
  // Declared from a triage group of visitor reports: prefilled, and the reports join the incident.
  const reportRef = typeof params.reports === "string" ? decodeGroupRef(params.reports) : null;
  const fromReports = reportRef ? declarationFromReportGroup(db, reportRef) : null;
  const templateId = typeof requested === "string" ? requested : undefined;
  const fromTemplate =
    templateId && ID_PATTERN.test(templateId) ? declarationFromTemplate(db, page.id, templateId) : null;
  return (
    <div>
      <h1 className="text-2xl font-bold">Declare incident</h1>
      {templates.length > 0 ? (
        <form
          method="get"
          action="/admin/incidents/new"
          className="mt-4 flex max-w-2xl flex-wrap items-end gap-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
        >
          <div className="min-w-0 flex-1">
            <label htmlFor="template-choice" className="block text-sm font-medium">
              Start from a template
            </label>
            <select
              id="template-choice"
              name="template"
              defaultValue={fromTemplate ? templateId : ""}
              className={inputClass}
            >
              <option value="">No template</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            Use template
          </button>
        </form>
      ) : (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          Tip:{" "}
          <Link href="/admin/incidents/templates/new" className="underline">
            save templates
          </Link>{" "}
          for incidents you see often.
        </p>
      )}
      {templateId && !fromTemplate && (
        <p
          role="alert"
          className="mt-4 max-w-2xl rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          That template no longer exists; the form starts empty.
        </p>
      )}
      {fromTemplate && (
        <p role="status" className="mt-4 max-w-2xl text-sm text-slate-700 dark:text-slate-300">
          Filled in from the template “{fromTemplate.templateName}”. Change anything before declaring.
        </p>
      )}
      {params.reports !== undefined && !fromReports && (
        <p
          role="alert"
          className="mt-4 max-w-2xl rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          Those reports were already handled; the form starts empty.
        </p>
      )}
      {fromReports && (
        <p role="status" className="mt-4 max-w-2xl text-sm text-slate-700 dark:text-slate-300">
          Filled in from {fromReports.reportCount} visitor report{fromReports.reportCount === 1 ? "" : "s"}. They join
          this incident, and reporters who left an address are thanked when it is resolved.
        </p>
      )}
      <DeclareIncidentForm
        key={fromReports ? "reports" : fromTemplate ? templateId : "blank"}
        groups={pickerGroups(db, page.id)}
        timeZone={page.timeZone}
        initial={fromReports ?? fromTemplate ?? undefined}
        fromReports={fromReports && reportRef ? encodeGroupRef(reportRef) : undefined}
      />
    </div>
  );
}

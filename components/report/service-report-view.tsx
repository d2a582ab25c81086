// The service report's sections, for the public /report (in the visitor's language) and the console (English):
// headline figures, availability per service against its target, incidents by impact and one by one, planned
// work and reach. Each chart is server-rendered SVG with a table of the same figures beside it and a CSV link.
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import type { ServiceReport } from "@/services/reports/service-report";
import { HeadlineSection, ServicesSection } from "./headline-sections";
import { ImpactSection, IncidentsSection } from "./incident-sections";
import { reportText, type ReportTable } from "./report-text";
import { PlannedSection, ReachSection } from "./work-sections";

export type { ReportTable } from "./report-text";

export function ServiceReportView({
  report,
  timeZone,
  locale = DEFAULT_LOCALE,
  csvHref,
  incidentHref,
}: {
  report: ServiceReport;
  timeZone: string;
  locale?: Locale;
  csvHref: (table: ReportTable) => string;
  incidentHref: (id: string) => string;
}) {
  const text = reportText(locale, timeZone, csvHref);
  return (
    <>
      <HeadlineSection report={report} text={text} />
      <ServicesSection report={report} text={text} />
      <ImpactSection report={report} text={text} />
      <IncidentsSection report={report} text={text} incidentHref={incidentHref} />
      <PlannedSection report={report} text={text} />
      <ReachSection report={report} text={text} />
    </>
  );
}

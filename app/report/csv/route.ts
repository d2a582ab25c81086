import { getDb } from "@/db";
import { translator } from "@/core/i18n/translate";
import { clientAddress } from "@/services/auth/request";
import { publicLocaleFrom } from "@/services/i18n/request";
import { publicServiceReport } from "@/services/reports/public-report";
import { isReportTable, serviceReportCsv } from "@/services/reports/service-report-csv";

export const dynamic = "force-dynamic";

// Anonymous and read-only: the same switch, audience and limits as the /report page (public-report.ts). In the
// URL's language (/de/report/csv): the headers and the errors; the figures stay machine-readable.
export async function GET(req: Request) {
  const { locale } = publicLocaleFrom((name) => req.headers.get(name));
  const t = translator(locale, "report");
  const params = new URL(req.url).searchParams;
  const table = params.get("table") ?? undefined;
  if (table !== undefined && !isReportTable(table))
    return Response.json({ error: translator(locale, "report-csv")("unknownTable") }, { status: 400 });
  const answer = publicServiceReport(
    getDb(),
    (params.get("period") ?? "").slice(0, 20),
    clientAddress(req.headers) ?? "unknown",
  );
  if (answer.state === "off") return Response.json({ error: "Not found" }, { status: 404 });
  if (answer.state === "limited") return Response.json({ error: t("tooMany") }, { status: 429 });
  if (!answer.report || !answer.period)
    return Response.json({ error: t(`period.${answer.problemKind ?? "invalid"}`) }, { status: 400 });
  return new Response(serviceReportCsv(answer.report, table, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="service-report-${answer.period.label}${table ? `-${table}` : ""}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

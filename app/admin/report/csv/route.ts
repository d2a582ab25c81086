import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { parsePeriod, periodProblem } from "@/core/report-period";
import { requireUser } from "@/services/auth/dal";
import { buildServiceReport } from "@/services/reports/service-report";
import { isReportTable, serviceReportCsv } from "@/services/reports/service-report-csv";

export const dynamic = "force-dynamic";

// Console only: the session decides (requireUser), as for the page.
export async function GET(req: Request) {
  await requireUser("editor");
  const params = new URL(req.url).searchParams;
  const value = params.get("period") ?? "";
  const table = params.get("table") ?? undefined;
  if (table !== undefined && !isReportTable(table)) return Response.json({ error: "Unknown table." }, { status: 400 });
  const db = getDb();
  const page = getThePage(db);
  const period = parsePeriod(value, page.timeZone);
  const problem = period ? periodProblem(period, Date.now(), page.createdAt) : "Choose a month, quarter or year.";
  if (!period || problem) return Response.json({ error: problem }, { status: 400 });
  return new Response(serviceReportCsv(buildServiceReport(db, page.id, period), table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="service-report-${period.label}${table ? `-${table}` : ""}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

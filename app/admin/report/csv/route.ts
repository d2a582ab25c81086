import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import { parsePeriod, periodProblem } from "@/core/service-report";
import { requireUser } from "@/services/auth/dal";
import { buildServiceReport, serviceReportCsv } from "@/services/reports/service-report";

export const dynamic = "force-dynamic";

// Console only: the session decides (requireUser), as for the page.
export async function GET(req: Request) {
  await requireUser("editor");
  const value = new URL(req.url).searchParams.get("period") ?? "";
  const period = parsePeriod(value);
  const db = getDb();
  const page = getThePage(db);
  const problem = period ? periodProblem(period, Date.now(), page.createdAt) : "Choose a month, quarter or year.";
  if (!period || problem) return Response.json({ error: problem }, { status: 400 });
  return new Response(serviceReportCsv(buildServiceReport(db, page.id, period)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="service-report-${period.label}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

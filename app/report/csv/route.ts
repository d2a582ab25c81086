import { getDb } from "@/db";
import { clientAddress } from "@/services/auth/request";
import { publicServiceReport } from "@/services/reports/public-report";
import { isReportTable, serviceReportCsv } from "@/services/reports/service-report-csv";

export const dynamic = "force-dynamic";

// Anonymous and read-only: the same switch, audience and limits as the /report page (public-report.ts).
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const table = params.get("table") ?? undefined;
  if (table !== undefined && !isReportTable(table))
    return Response.json(
      { error: "Unknown table: use headline, services, impact, incidents, planned or reach." },
      { status: 400 },
    );
  const answer = publicServiceReport(
    getDb(),
    (params.get("period") ?? "").slice(0, 20),
    clientAddress(req.headers) ?? "unknown",
  );
  if (answer.state === "off") return Response.json({ error: "Not found" }, { status: 404 });
  if (answer.state === "limited")
    return Response.json({ error: "Too many requests; try again in a few minutes." }, { status: 429 });
  if (!answer.report || !answer.period) return Response.json({ error: answer.problem }, { status: 400 });
  return new Response(serviceReportCsv(answer.report, table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="service-report-${answer.period.label}${table ? `-${table}` : ""}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

// The report view renders complete HTML on the server: a table beside each SVG chart, a CSV link per table,
// the figures in the reader's language, and nothing that needs JavaScript.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { MINUTE } from "@/core/time";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { buildServiceReport } from "@/services/reports/service-report";
import { makeWorld } from "@/services/testing/notification-fixtures";
import { ServiceReportView } from "./service-report-view";

const world = makeWorld();
afterAll(() => world.db.$client.close());
const system = { type: "system" as const, label: "automation" as const };
const T = Date.UTC(2026, 10, 10, 9);
const inc = createIncident(
  world.db,
  system,
  {
    name: "Mail down",
    status: "investigating",
    message: "x",
    componentStatuses: { [world.webmail]: "major_outage" },
    notify: false,
  },
  T,
);
addIncidentUpdate(world.db, system, inc.id, { status: "resolved", message: "ok", notify: false }, T + 90 * MINUTE);
const report = buildServiceReport(
  world.db,
  world.pageId,
  { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), timeZone: "Europe/Berlin" },
  { now: Date.UTC(2026, 11, 2) },
);
const render = (locale: "en" | "de" | "ar") =>
  renderToStaticMarkup(
    <ServiceReportView
      report={report}
      timeZone="Europe/Berlin"
      locale={locale}
      csvHref={(t) => `/report/csv?period=2026-11&table=${t}`}
      incidentHref={(id) => `/incidents/${id}`}
    />,
  );

describe("ServiceReportView", () => {
  it("has a table and a CSV link for every chart, and no script", () => {
    const html = render("en");
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html.match(/<table/g)!.length).toBeGreaterThanOrEqual(5);
    for (const t of ["headline", "services", "impact", "incidents", "planned", "reach"])
      expect(html).toContain(`table=${t}`);
    expect(html).not.toContain("<script");
    // Webmail: 90 minutes of major outage in 43,200: 99.791% (floored), below its 99.9% target on one day.
    expect(html).toContain("99.791%");
    expect(html).toContain("Mail down");
    expect(html).toContain("90 minutes");
  });
  it("speaks the reader's language, numbers included", () => {
    const html = render("de");
    expect(html).toContain("Verfügbarkeit nach Dienst");
    expect(html).toContain("99,791");
    expect(html).toContain("90 Minuten");
    expect(render("ar")).toContain("التوافر حسب الخدمة");
  });
});

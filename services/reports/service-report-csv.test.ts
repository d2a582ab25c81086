// The report's CSV in the reader's language: headers and words (impact, channel) follow the locale, numbers
// and instants stay machine-readable in every language (a dot for decimals, no thousands separator, ISO 8601
// in UTC), so a spreadsheet in any locale reads them. English is the console's CSV, unchanged.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { LOCALES } from "@/core/i18n/locales";
import { MINUTE } from "@/core/time";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { buildServiceReport, type ServiceReport } from "./service-report";
import { REPORT_TABLES, serviceReportCsv } from "./service-report-csv";

const system = { type: "system" as const, label: "automation" as const };
const T = Date.UTC(2026, 10, 10, 9);
const november = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), timeZone: "UTC" };
let world: World;
let db: Db;
let report: ServiceReport;
beforeEach(() => {
  world = makeWorld();
  db = world.db;
  // 1,234 minutes of major outage: a figure a locale would write "1.234" or "1 234".
  const i = createIncident(
    db,
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
  addIncidentUpdate(db, system, i.id, { status: "resolved", message: "ok", notify: false }, T + 1234 * MINUTE);
  report = buildServiceReport(db, world.pageId, november, { now: Date.UTC(2026, 11, 5) });
});
afterEach(() => db.$client.close());

const header = (csv: string) => csv.split("\r\n")[0];

describe("the report's CSV", () => {
  it("is English by default, as the console downloads it", () => {
    expect(header(serviceReportCsv(report, "services"))).toBe(
      "service,target (%),availability (%),minutes major outage,minutes partial outage,minutes degraded performance,days below target",
    );
    expect(serviceReportCsv(report, "impact")).toContain("Critical,1\r\n");
    expect(serviceReportCsv(report, "reach")).toContain("email subscribers,0\r\n");
  });

  it("follows the reader's language: German and Arabic headers, impacts and channels", () => {
    const de = serviceReportCsv(report, "services", "de");
    expect(header(de)).toBe(
      "Dienst,Ziel (%),Verfügbarkeit (%),Minuten schwerer Ausfall,Minuten teilweiser Ausfall,Minuten eingeschränkte Leistung,Tage unter dem Ziel",
    );
    expect(serviceReportCsv(report, "impact", "de")).toContain("Kritisch,1\r\n");
    expect(serviceReportCsv(report, "headline", "de")).toContain("Störungen,1\r\n");
    expect(serviceReportCsv(report, "reach", "de")).toContain("E-Mail-Abonnenten,0\r\n");
    expect(header(serviceReportCsv(report, "incidents", "ar"))).toBe(
      "العطل,الأثر,البداية,الدقائق حتى أول تحديث (منذ الاكتشاف),الدقائق حتى الحل",
    );
  });

  it("keeps every number and date machine-readable in every language", () => {
    const english = serviceReportCsv(report);
    const figures = (csv: string) => csv.split(/[,\r\n]+/).filter((c) => /^[\d.]+$|^\d{4}-\d\d-\d\dT/.test(c));
    for (const locale of LOCALES) {
      const csv = serviceReportCsv(report, undefined, locale);
      expect(csv, locale).toContain(",1234,"); // minutes of major outage: no thousands separator
      expect(csv, locale).toContain(",1234\r\n"); // minutes to resolution
      expect(csv, locale).toContain(",97.143,"); // 1 - 1234/43200, floored: a dot, never a comma
      expect(csv, locale).toContain(",2026-11-10T09:00:00.000Z,");
      expect(csv, locale).not.toMatch(/\d\u00a0\d|\d\u202f\d|[٠-٩]/);
      // Only the words differ from the English file: every figure is the same, in the same place.
      expect(figures(csv), locale).toEqual(figures(english));
    }
  });

  it("has every table in every language, with as many columns as its header", () => {
    for (const locale of LOCALES)
      for (const table of REPORT_TABLES) {
        const lines = serviceReportCsv(report, table, locale).trimEnd().split("\r\n");
        expect(lines.length, `${locale} ${table}`).toBeGreaterThan(1);
        const columns = header(lines.join("\r\n")).split(",").length;
        for (const line of lines) expect(line.split(",").length, `${locale} ${table}: ${line}`).toBe(columns);
      }
  });
});

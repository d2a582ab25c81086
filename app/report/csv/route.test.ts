// The public report's CSV through its real route handler on a real SQLite file: the URL's language (set by
// the server from /de/report/csv, services/i18n/node-routing.ts) names the headers and the errors; the
// figures stay machine-readable; unprefixed is the page's default language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { SYSTEM } from "@/core/actor";
import { routeLocale } from "@/core/i18n/paths";
import { forgetPublicReports } from "@/services/reports/public-report";
import { setReportPublic } from "@/services/reports/report-settings";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import { GET } from "./route";

const month = new Date().toISOString().slice(0, 7);
const get = (query: string, locale?: string, address = "198.51.100.7") =>
  GET(
    new Request(`http://127.0.0.1:3450/report/csv?${query}`, {
      headers: {
        "x-forwarded-for": address,
        ...(locale ? { "x-status-locale": locale, "x-status-default-locale": "en" } : {}),
      },
    }),
  );

beforeAll(() => {
  const world = useFreshAppDatabase();
  setReportPublic(world.db, SYSTEM, true, 1);
  forgetPublicReports();
});
afterAll(() => closeDb());

describe("GET /report/csv", () => {
  it("has a URL in each language", () => {
    expect(routeLocale("/de/report/csv", "?period=2026-11", "en")).toMatchObject({ kind: "serve", locale: "de" });
  });

  it("writes the headers in the URL's language, English without a prefix", async () => {
    const english = await get(`period=${month}&table=services`);
    expect(english.status).toBe(200);
    expect((await english.text()).split("\r\n")[0]).toMatch(/^service,target \(%\),availability \(%\),/);
    const german = await get(`period=${month}&table=services`, "de");
    const text = await german.text();
    expect(text.split("\r\n")[0]).toMatch(/^Dienst,Ziel \(%\),Verfügbarkeit \(%\),/);
    expect(text).toMatch(/^Webmail,99\.9,/m); // the target as a number with a dot, in German too
    expect(german.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const arabic = await (await get(`period=${month}&table=impact`, "ar")).text();
    expect(arabic.split("\r\n")[0]).toBe("الأثر,الأعطال");
  });

  it("refuses in the URL's language too", async () => {
    const table = await get(`period=${month}&table=secrets`, "de");
    expect(table.status).toBe(400);
    expect((await table.json()).error).toContain("Unbekannte Tabelle");
    const future = await get("period=2999-01", "fr");
    expect(future.status).toBe(400);
    expect((await future.json()).error).toBe("Cette période n'a pas encore commencé.");
  });
});

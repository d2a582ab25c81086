// The public service report: 404 until the admin publishes it from the console; then, without JavaScript,
// the month with an incident a monitor saw five minutes before it was posted (time to first update from
// detection), the heard-it-from-us-first rate and the vote; a CSV per table; a future period refused;
// screenshots light, dark, print and 375 px; axe-clean; nothing scrolls sideways at 320 px.
import AxeBuilder from "@axe-core/playwright";
import { eq, inArray } from "drizzle-orm";
import { components, incidents, pages, statusClaims } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { currentMonth } from "@/core/report-period";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import { castVote } from "@/services/votes/vote";
import { expect, formStatus, test } from "./fixtures";

const SLOW = { timeout: 15_000 };
const made = { services: [] as string[], incidents: [] as string[] };
const system = { type: "system" as const, label: "automation" as const };

test.afterAll(({ db }) => {
  db.update(pages).set({ publicReport: false }).run();
  if (made.incidents.length) db.delete(incidents).where(inArray(incidents.id, made.incidents)).run();
  if (made.services.length) db.delete(components).where(inArray(components.id, made.services)).run();
});

test.describe("public service report", () => {
  test.use({ signedInAs: "owner" });
  test.setTimeout(120_000);

  test("published from the console, read without JavaScript, CSV, print", async ({
    page,
    browser,
    baseURL,
    db,
    pageId,
    unique,
    snapshot,
  }) => {
    db.update(pages).set({ publicReport: false }).run();
    const visitor = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const v = await visitor.newPage();
    expect((await v.goto("/report"))!.status()).toBe(404);
    expect((await v.request.get("/report/csv?period=2026-01")).status()).toBe(404);

    // The month's incident: a monitor saw the service down 5 minutes before it was declared and posted.
    const name = unique("Payroll");
    const serviceId = insertComponent(db, {
      pageId,
      name,
      at: Date.now() - 40 * 86_400_000,
      actor: { source: "manual" },
    });
    made.services.push(serviceId);
    const start = Date.now() - 30 * 60_000;
    db.insert(statusClaims)
      .values({
        componentId: serviceId,
        source: "monitor",
        sourceId: "e2e",
        status: "major_outage",
        since: start - 5 * 60_000,
        endedAt: start + 20 * 60_000,
      })
      .run();
    const incident = createIncident(
      db,
      system,
      {
        name: `${name} down`,
        status: "investigating",
        message: "Looking into it.",
        componentStatuses: { [serviceId]: "major_outage" },
        notify: false,
      },
      start,
    );
    made.incidents.push(incident.id);
    addIncidentUpdate(
      db,
      system,
      incident.id,
      { status: "resolved", message: "Fixed.", notify: false },
      start + 20 * 60_000,
    );
    castVote(
      db,
      incident.updateId,
      { visitorCookie: "e2e-report-voter-aaaa" },
      { helpful: "yes" },
      "e2e-report-voter-aaaa",
      start + 10 * 60_000,
    );

    // The owner publishes it.
    await page.goto("/admin/report");
    // The monthly email goes once the month has ended in the page's zone, as the job sends it.
    const zone = db.select({ timeZone: pages.timeZone }).from(pages).get()!.timeZone;
    const sharing = page.getByRole("region", { name: "Sharing" });
    await expect(sharing).toContainText(`once the month has ended in the page’s time zone (${zone}, in Settings)`);
    await expect(sharing).not.toContainText("first of each month");
    await expect(sharing.getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/admin/settings");
    await page.getByRole("button", { name: "Publish the report at /report" }).click();
    await expect(formStatus(page).filter({ hasText: "The report is public at /report." })).toBeVisible(SLOW);

    // The page's calendar month, not UTC's: they differ for a few hours at each month's turn.
    const month = currentMonth(Date.now(), db.select({ timeZone: pages.timeZone }).from(pages).get()!.timeZone);
    await v.setViewportSize({ width: 1280, height: 900 });
    const res = await v.goto(`/report?period=${month}`);
    expect(res!.status()).toBe(200);
    await expect(v.getByRole("heading", { level: 1, name: `Service report: ${month}` })).toBeVisible();
    const row = v.getByRole("row").filter({ hasText: `${name} down` });
    // From the monitor's detection, not the incident's start: 5 minutes; resolved after 20.
    await expect(row).toContainText("5 minutes");
    await expect(row).toContainText("20 minutes");
    await expect(v.getByRole("row").filter({ hasText: "Heard it from us first" })).toBeVisible();
    await expect(v.getByRole("row").filter({ hasText: "Updates found helpful" })).toContainText(/of \d+ votes?/);
    await expect(v.getByRole("row").filter({ hasText: name }).first()).toBeVisible();
    await expect(v.getByRole("img", { name: /Availability by service/ })).toBeVisible();
    await snapshot(v, "public-report-1280-light");
    await v.emulateMedia({ colorScheme: "dark" });
    await snapshot(v, "public-report-1280-dark");
    await v.emulateMedia({ media: "print", colorScheme: "light" });
    await snapshot(v, "public-report-print");
    await v.emulateMedia({ media: "screen", colorScheme: "dark" });
    await v.setViewportSize({ width: 375, height: 800 });
    await snapshot(v, "public-report-375-dark");
    await v.setViewportSize({ width: 320, height: 800 });
    expect(await v.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // axe needs scripts: the same page in the owner's browser, which has them.
    await page.goto(`/report?period=${month}`);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    // Each table as CSV; a table that does not exist and a future period are refused.
    const csv = await v.request.get(`/report/csv?period=${month}&table=incidents`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain(`${name} down`);
    expect((await v.request.get(`/report/csv?period=${month}&table=secrets`)).status()).toBe(400);
    // In German under /de/: German headers, the figures still machine-readable (a dot, ISO 8601 instants).
    const german = await (await v.request.get(`/de/report/csv?period=${month}&table=incidents`)).text();
    expect(german.split("\r\n")[0]).toBe(
      "Störung,Auswirkung,Beginn,Minuten bis zur ersten Meldung (ab Erkennung),Minuten bis zur Behebung",
    );
    expect(german).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/);
    await v.goto("/report?period=2999-01");
    await expect(v.getByRole("alert")).toHaveText("That period has not started yet.");

    // Turned off again: 404.
    await page.goto("/admin/report");
    await page.getByRole("button", { name: "Stop publishing" }).click();
    await expect(formStatus(page).filter({ hasText: "The report is no longer public." })).toBeVisible(SLOW);
    expect((await v.goto(`/report?period=${month}`))!.status()).toBe(404);
    expect(db.select().from(pages).where(eq(pages.id, pageId)).get()!.publicReport).toBe(false);
    await visitor.close();
  });
});

// Visitors tell IT something is wrong: a report without JavaScript, three more make a spike, the owner
// (opted in) is emailed and sees it on the overview, declares an incident from the group and resolves it;
// the reporter who left an address gets the thank-you from the fake Resend server.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { incidents, pages, subscribers, updateVotes, users, visitorReports } from "@/db/schema";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import type { RecordedEmail } from "@/services/testing/fake-resend";
import { expect, formStatus, test } from "./fixtures";
import { insertComponent } from "@/db/writes/components";
import { currentMonth } from "@/core/report-period";
import { components } from "@/db/schema";

const SLOW = { timeout: 15_000 };
const made = { services: [] as string[], incidents: [] as string[], subscribers: [] as string[] };

test.afterAll(({ db }) => {
  db.update(pages).set({ reportSpikeThreshold: 5, reportSpikeMinutes: 10 }).run();
  db.update(users).set({ notifyOnReportSpike: false }).run();
  if (made.services.length) {
    db.delete(visitorReports).where(inArray(visitorReports.componentId, made.services)).run();
    db.delete(components).where(inArray(components.id, made.services)).run();
  }
  if (made.incidents.length) db.delete(incidents).where(inArray(incidents.id, made.incidents)).run();
  if (made.subscribers.length) db.delete(subscribers).where(inArray(subscribers.id, made.subscribers)).run();
});

/** axe finds nothing on the page as it is now. */
async function accessible(page: Page, url?: string) {
  if (url) await page.goto(url);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function mailTo(address: string, subject: string): Promise<RecordedEmail> {
  let mail: RecordedEmail | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${process.env.E2E_FAKE_RESEND_URL}/_test/emails`);
        const { data } = (await res.json()) as { data: RecordedEmail[] };
        mail = data.find((e) => e.to.includes(address) && e.subject === subject);
        return Boolean(mail);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return mail!;
}

test.describe("visitor reports", () => {
  test.use({ signedInAs: "owner" });
  // Four browsers, two emails through the worker and axe on a shared 2-core machine.
  test.setTimeout(120_000);

  test("report without JavaScript, spike, declare from the group, resolve, thank-you", async ({
    page,
    browser,
    baseURL,
    db,
    pageId,
    unique,
    snapshot,
  }) => {
    const name = unique("Webmail");
    const serviceId = insertComponent(db, { pageId, name, at: Date.now() - 86_400_000, actor: { source: "manual" } });
    made.services.push(serviceId);
    const reporter = `${unique("reporter").replace(/\W+/g, "-").toLowerCase()}@example.com`;

    // The owner opts in to spike emails and makes four reports a spike.
    await page.goto("/admin/reports");
    await page.getByRole("button", { name: "Email me when reports spike" }).click();
    await expect(formStatus(page).filter({ hasText: "You will get an email when reports spike." })).toBeVisible(SLOW);
    await page.getByLabel("Reports about one service").fill("1");
    await page.getByRole("button", { name: "Save spike rule" }).click();
    await expect(page.getByText("At least 2 reports.")).toBeVisible(SLOW);
    await page.getByLabel("Reports about one service").fill("4");
    await page.getByLabel("Within minutes").fill("10");
    await page.getByRole("button", { name: "Save spike rule" }).click();
    await expect(formStatus(page).filter({ hasText: "Spike rule saved." })).toBeVisible(SLOW);

    // A visitor without JavaScript.
    const visitor = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const v = await visitor.newPage();
    await v.setViewportSize({ width: 375, height: 800 });
    await v.emulateMedia({ colorScheme: "dark" });
    await v.goto("/");
    await v.getByRole("link", { name: "Report a problem" }).click();
    await expect(v.getByRole("heading", { level: 1, name: "Something not working?" })).toBeVisible();
    await v.getByLabel("Which service?").selectOption(serviceId);
    // An empty choice is refused, and what was typed stays.
    await v.getByLabel("Tell us more").fill("The inbox stays blank.");
    await v.getByRole("button", { name: "Send report" }).click();
    await expect(v.getByText("Choose what is wrong.")).toBeVisible(SLOW);
    await expect(v.getByLabel("Tell us more")).toHaveValue("The inbox stays blank.");
    await v.getByLabel("It does not load at all").check();
    await v.getByLabel("Email address").fill(reporter);
    await snapshot(v, "report-a-problem-375-dark");
    // axe needs scripts: the same page in the owner's browser, which has them.
    await accessible(page, v.url());
    await v.getByRole("button", { name: "Send report" }).click();
    await expect(v.getByRole("heading", { name: "Thank you for telling us" })).toBeVisible(SLOW);
    await snapshot(v, "report-a-problem-sent-375-dark");
    expect(await v.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Three more make a spike.
    for (const text of ["Cannot open mail", "Error 502", "Blank page"]) {
      await v.goto(`/report-a-problem?service=${serviceId}`);
      await v.getByLabel("It shows an error").check();
      await v.getByLabel("Tell us more").fill(text);
      await v.getByRole("button", { name: "Send report" }).click();
      await expect(v.getByRole("heading", { name: "Thank you for telling us" })).toBeVisible(SLOW);
    }
    const spikeMail = await mailTo("owner@example.com", `Reports spike: ${name}`);
    expect(spikeMail.text).toContain("4 reports within 10 minutes");

    await page.goto("/admin");
    const notice = page.getByRole("region", { name: "Visitors report a problem" });
    await expect(notice).toContainText(`${name}: 4 reports since`);

    await page.goto("/admin/reports");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: "dark" });
    const group = page.getByRole("region", { name: `${name}: 4 reports` });
    await expect(group).toContainText("Spike");
    await expect(group).toContainText("Blank page");
    await expect(group).toContainText("The inbox stays blank.");
    await snapshot(page, "console-reports-1280-dark");
    await accessible(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await snapshot(page, "console-reports-375-dark");
    await page.setViewportSize({ width: 1280, height: 900 });
    await group.getByRole("link", { name: /Declare incident/ }).click();
    await expect(page.getByText("Filled in from 4 visitor reports.")).toBeVisible(SLOW);
    await expect(page.getByLabel("Name")).toHaveValue(`${name}: problems reported`);
    await page.getByLabel("Notify subscribers").uncheck();
    await page.getByRole("button", { name: "Declare incident" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Incident declared." })).toBeVisible(SLOW);
    const incidentId = page.url().split("/admin/incidents/")[1].split("?")[0];
    made.incidents.push(incidentId);
    expect(db.select().from(visitorReports).where(eq(visitorReports.incidentId, incidentId)).all().length).toBe(4);

    // The spike is acted on: it leaves the overview.
    await page.goto("/admin");
    await expect(page.getByRole("region", { name: "Visitors report a problem" })).toHaveCount(0);

    // A visitor now sees the incident first.
    await v.goto(`/report-a-problem?service=${serviceId}`);
    await expect(v.getByRole("region", { name: `We know about ${name}` })).toContainText(`${name}: problems reported`);
    await snapshot(v, "report-a-problem-known-375-dark");

    await page.goto(`/admin/incidents/${incidentId}`);
    await page.getByLabel("Status", { exact: true }).selectOption("resolved");
    await page.getByLabel("Message").fill("Mail works again.");
    await page.getByRole("button", { name: "Post update" }).click();
    await expect(formStatus(page).filter({ hasText: "Update posted." })).toBeVisible(SLOW);

    const thanks = await mailTo(reporter, `Fixed: ${name}: problems reported`);
    expect(thanks.text).toContain(`/incidents/${incidentId}`);
    await expect
      .poll(
        () =>
          db
            .select()
            .from(visitorReports)
            .where(eq(visitorReports.incidentId, incidentId))
            .all()
            .filter((r) => r.email !== null).length,
        SLOW,
      )
      .toBe(0);
    await visitor.close();
  });

  test("a subscriber votes from an email link, a visitor under the update; the console shows the score", async ({
    page,
    browser,
    baseURL,
    db,
    pageId,
    unique,
    snapshot,
  }) => {
    const name = unique("Printing");
    const address = `${unique("voter").replace(/\W+/g, "-").toLowerCase()}@example.com`;
    made.subscribers.push(insertEmailSubscriber(db, { pageId, email: address, at: Date.now(), state: "active" }));
    await page.goto("/admin/incidents/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Message").fill("Printers on floor 2 do not print.");
    await page.getByRole("button", { name: "Declare incident" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Incident declared." })).toBeVisible(SLOW);
    const incidentId = page.url().split("/admin/incidents/")[1].split("?")[0];
    made.incidents.push(incidentId);

    const mail = await mailTo(address, `[Investigating] ${name}`);
    const link = mail.text!.match(/https?:\/\/[^\s)\]]+\/helpful\/\w+\?voter=[\w.-]+&v=no/)![0];
    const visitor = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const v = await visitor.newPage();
    await v.setViewportSize({ width: 375, height: 800 });
    await v.emulateMedia({ colorScheme: "dark" });
    await v.goto(new URL(link).pathname + new URL(link).search);
    await expect(v.getByRole("heading", { level: 1, name: "Was this update helpful?" })).toBeVisible();
    expect(
      db
        .select()
        .from(updateVotes)
        .all()
        .filter((x) => x.voterKey.startsWith("s:")),
    ).toHaveLength(0);
    await v.getByLabel("What was missing?").fill("Which printers?");
    await snapshot(v, "helpful-from-email-375-dark");
    // axe needs scripts: the same page in the owner's browser, which has them.
    await accessible(page, v.url());
    await v.getByRole("button", { name: "No, not helpful" }).click();
    await expect(v.getByText("Thank you: your vote is saved.")).toBeVisible(SLOW);

    // A visitor on the incident page, without JavaScript.
    const other = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const o = await other.newPage();
    await o.goto(`/incidents/${incidentId}`);
    await o.getByRole("button", { name: "Yes", exact: true }).click();
    await expect(o.getByText("Thank you: your vote is saved.")).toBeVisible(SLOW);

    await page.goto(`/admin/incidents/${incidentId}`);
    await expect(page.getByText("Helpful: 50% (1 yes, 1 no)")).toBeVisible();
    await expect(page.getByRole("list", { name: "What readers missed" })).toContainText("Which printers?");
    await expect(page.getByText("Helpful: 50% of 2 votes")).toBeVisible();

    // The month's service report lists the incident, its time to first update, and the figures.
    await page.goto("/admin/report");
    await expect(page.getByRole("heading", { level: 1, name: /^Service report: \d{4}-\d{2}$/ })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("0 minutes");
    for (const label of ["Heard it from us first", "Mean time to first public update", "Updates found helpful"])
      await expect(page.getByRole("row").filter({ hasText: label })).toBeVisible();
    await expect(page.getByRole("img", { name: "Incidents by impact" })).toBeVisible();
    await accessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await snapshot(page, "service-report-1280-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await snapshot(page, "service-report-1280-dark");
    await page.emulateMedia({ media: "print", colorScheme: "light" });
    await snapshot(page, "service-report-print");
    await page.emulateMedia({ media: "screen" });
    // The page's calendar month (the report's default), not UTC's.
    const month = currentMonth(Date.now(), db.select({ timeZone: pages.timeZone }).from(pages).get()!.timeZone);
    const csv = await page.request.get(`/admin/report/csv?period=${month}`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain(name);
    const future = await page.request.get("/admin/report/csv?period=2999-01");
    expect(future.status()).toBe(400);
    expect(await future.json()).toEqual({ error: "That period has not started yet." });
    await visitor.close();
    await other.close();
  });
});

// Alert intake end to end on the production server: an admin creates an integration in the console, copies
// its intake URL (shown once, with the snippets), a firing alert posted to that URL takes the service down
// on the public page, the integration's page shows what the payload did, and the resolved alert brings the
// service back. An alert for an unknown service is only logged.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { insertComponent } from "@/db/writes/components";

/** No axe violations, and nothing scrolls sideways on a 320 px phone. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize(size);
}

test.describe("alert integrations", () => {
  test.use({ signedInAs: "owner" });

  test("create in the console, post alerts to the intake URL, see the page follow and the payloads logged", async ({
    page,
    db,
    pageId,
    unique,
    request,
  }) => {
    test.setTimeout(90_000);
    const serviceName = unique("Printing");
    const componentId = insertComponent(db, { pageId, name: serviceName, at: Date.now(), actor: { source: "manual" } });

    await page.goto("/admin/integrations");
    await page.getByRole("link", { name: "New integration" }).click();
    await expectAccessible(page);
    const name = unique("Ops alerts");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Sends").selectOption("generic");
    await page.getByLabel("Matcher rules (optional)").fill("team=print -> Nowhere");
    await page.getByRole("button", { name: "Save integration" }).click();
    await expect(page.getByText('Line 1: no service named "Nowhere".')).toBeVisible();
    await page.getByLabel("Matcher rules (optional)").fill(`team=print -> ${serviceName}`);
    await page.getByRole("button", { name: "Save integration" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copy its intake URL now" })).toBeVisible();
    const url = (await page.getByTestId("intake-url").textContent())!.trim();
    expect(url).toMatch(/\/api\/integrations\/[0-9a-z]{12}\/[\w-]{43}$/);
    await expect(page.getByTestId("snippet-alertmanager")).toContainText(`url: '${url}'`);
    await expect(page.getByTestId("snippet-grafana")).toContainText("type: webhook");
    await expectAccessible(page);
    // The URL is built from PUBLIC_URL; the test talks to the server it started, on loopback.
    const intake = new URL(new URL(url).pathname, page.url()).toString();

    const firing = await request.post(intake, {
      data: {
        state: "firing",
        severity: "critical",
        summary: "Queue stuck",
        fingerprint: "print-1",
        labels: { team: "print" },
      },
    });
    expect(firing.status()).toBe(200);
    expect(await firing.json()).toMatchObject({ opened: 1 });
    const missing = unique("Payroll");
    const unknown = await request.post(intake, { data: { service: missing, summary: "?" } });
    expect(await unknown.json()).toMatchObject({ unknownService: 1 });
    expect(
      (await request.post(intake, { data: "{oops", headers: { "content-type": "application/json" } })).status(),
    ).toBe(400);
    expect((await request.post(intake.replace(/[\w-]{43}$/, "x".repeat(43)), { data: {} })).status()).toBe(401);

    await page.goto("/");
    await expect(page.locator(`[data-component="${componentId}"]`)).toContainText("Major outage");

    await page.goto("/admin/integrations");
    await page.getByRole("link", { name }).click();
    await expect(page.getByText(`${serviceName}: Major outage — Queue stuck`)).toBeVisible();
    const rows = page.getByRole("row");
    await expect(rows.nth(1)).toContainText("Rejected");
    await expect(rows.nth(2)).toContainText("Unknown service");
    await expect(rows.nth(2)).toContainText(`No service named "${missing}"`);
    await expect(rows.nth(3)).toContainText("1 claim(s) opened");
    await expectAccessible(page);
    await page.goto("/admin/integrations");
    await expectAccessible(page);

    expect(
      (
        await request.post(intake, { data: { state: "resolved", fingerprint: "print-1", labels: { team: "print" } } })
      ).status(),
    ).toBe(200);
    await page.goto("/");
    await expect(page.locator(`[data-component="${componentId}"]`)).toContainText("Operational");
  });
});

import { pages } from "@/db/schema";
import { expect, test } from "./public-fixtures";
import { formStatus } from "./fixtures";

/** A datetime-local value (with seconds) for `at` in the page's zone. */
function localInput(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  })
    .format(at)
    .replace(" ", "T");
}

test.describe("scheduled maintenance from the console", () => {
  test.use({ signedInAs: "editor" });

  test("a window that starts and completes by itself; the public page follows without anyone touching it", async ({
    page,
    db,
    makeService,
    setStatus,
    unique,
    snapshot,
  }) => {
    test.setTimeout(180_000);
    const timeZone = db.select({ timeZone: pages.timeZone }).from(pages).get()!.timeZone;
    const service = unique("Print Spooler");
    const serviceId = makeService(service);
    setStatus(serviceId, "degraded_performance", Date.now());
    const name = unique("Spooler patch");
    const row = () => page.locator(`[data-component="${serviceId}"]`);

    await page.goto("/admin/maintenance/new");
    await expect(page.getByText(`Starts (${timeZone})`)).toBeVisible();
    await page.getByRole("button", { name: "Schedule maintenance" }).click();
    await expect(page.getByText("Enter a date and time.").first()).toBeVisible({ timeout: 30_000 });

    const start = Date.now() + 15_000;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel(`Starts (${timeZone})`).fill(localInput(start, timeZone));
    await page.getByLabel(`Ends (${timeZone})`).fill(localInput(start + 15_000, timeZone));
    await page.getByLabel(service).check();
    await page.getByLabel("Message").fill("Patching the spooler.");
    for (const box of [
      "Notify subscribers now",
      "Start automatically",
      "Complete automatically",
      "Set the services under maintenance",
    ]) {
      await expect(page.getByLabel(box)).toBeChecked();
    }
    await expect(page.getByLabel("Remind subscribers before the start (minutes)")).toHaveValue("60");
    await page.getByRole("button", { name: "Schedule maintenance" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });
    await snapshot(page, "console-maintenance-detail-1280");

    await page.goto("/");
    await expect(async () => {
      await page.reload();
      await expect(
        page.getByRole("region", { name: "Maintenance in progress" }).getByRole("link", { name }),
      ).toBeVisible({ timeout: 1_000 });
      await expect(row()).toContainText("Under maintenance", { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });

    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("region", { name: "Maintenance in progress" })).toHaveCount(0, { timeout: 1_000 });
      await expect(row()).toContainText("Degraded performance", { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });

    await page.goto("/admin/maintenance");
    await expect(page.getByRole("region", { name: "Past" }).getByRole("link", { name })).toBeVisible();
    await page.getByRole("region", { name: "Past" }).getByRole("link", { name }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "Completed" }).first()).toBeVisible();
  });

  test("reschedule, then cancel with confirmation", async ({ page, makeService, unique }) => {
    test.setTimeout(120_000);
    const service = unique("Scanner");
    makeService(service);
    const name = unique("Scanner firmware");
    await page.goto("/admin/maintenance/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel(/^Starts/).fill("2035-03-01T10:00");
    await page.getByLabel(/^Ends/).fill("2035-03-01T09:00");
    await page.getByLabel(service).check();
    await page.getByLabel("Message").fill("Firmware.");
    await page.getByRole("button", { name: "Schedule maintenance" }).click();
    await expect(page.getByText("The end must be after the start.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel(service)).toBeChecked();
    await page.getByLabel(/^Ends/).fill("2035-03-01T12:00");
    await page.getByRole("button", { name: "Schedule maintenance" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });

    await page.getByLabel(/^Starts/).fill("2035-03-02T10:00");
    await page.getByLabel(/^Ends/).fill("2035-03-02T12:00");
    await page.getByRole("button", { name: "Save new window" }).click();
    await expect(page.getByText("New window saved.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/2 Mar 2035, 10:00 UTC to 2 Mar 2035, 12:00 UTC/)).toBeVisible();

    await page.getByRole("link", { name: "Cancel this maintenance" }).click();
    await page.getByRole("button", { name: "Cancel maintenance" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Maintenance cancelled." })).toBeVisible({
      timeout: 30_000,
    });
    await expect(formStatus(page)).toHaveCount(0);
  });

  test("a recurring window: built from the form, scheduled ahead on the public page, stopped with its occurrences cancelled", async ({
    page,
    makeService,
    unique,
    snapshot,
  }) => {
    test.setTimeout(120_000);
    const service = unique("Print server");
    makeService(service);
    const name = unique("Print patching");
    await page.goto("/admin/maintenance");
    await page.getByRole("link", { name: "Recurring maintenance" }).click();
    await page.getByRole("link", { name: "New recurring maintenance" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Message").fill("Print servers get their patches.");
    await page.getByLabel("Sunday").uncheck();
    await page.getByLabel("Lasts (minutes)").fill("0");
    await page.getByRole("button", { name: "Save recurring maintenance" }).click();
    await expect(page.getByText("Choose at least one day.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("Enter whole minutes from 1 to 1440 (24 hours).")).toBeVisible();
    await page.getByLabel("Wednesday").check();
    await page.getByLabel("Saturday").check();
    await page.getByLabel("Lasts (minutes)").fill("90");
    await page.getByLabel("Starts at").fill("03:30");
    await page.getByLabel(service).check();
    await snapshot(page, "console-recurring-new-1280");
    await page.getByRole("button", { name: "Save recurring maintenance" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: /Recurring maintenance saved; \d+ occurrences scheduled/ }),
    ).toBeVisible({ timeout: 30_000 });
    const rule = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
    await expect(rule).toContainText("Every Wednesday and Saturday at 03:30");
    await expect(rule).toContainText(/Next: \d{1,2} [A-Z][a-z]{2} \d{4}, 03:30 UTC/);

    await expect(async () => {
      await page.goto("/");
      await expect(page.getByRole("region", { name: "Scheduled maintenance" }).getByText(name).first()).toBeVisible();
    }).toPass({ timeout: 30_000 });

    await page.goto("/admin/maintenance/recurring");
    await rule.getByRole("link", { name: /Stop repeating/ }).click();
    await expect(page.getByLabel(/Also cancel the \d+ occurrences already scheduled/)).toBeChecked();
    await page.getByRole("button", { name: "Stop repeating" }).click();
    await expect(
      page
        .getByRole("status")
        .filter({ hasText: /Recurring maintenance stopped; \d+ scheduled occurrences cancelled/ }),
    ).toBeVisible({ timeout: 30_000 });
    await expect(rule).toContainText("Stopped");
    await expect(rule).toContainText("Nothing scheduled.");
    await expect(async () => {
      await page.goto("/");
      await expect(page.getByText(name)).toHaveCount(0);
    }).toPass({ timeout: 30_000 });
  });

  test("console pages at phone width and in dark mode", async ({ page, snapshot }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/admin/maintenance/new");
    await expect(page.getByRole("heading", { level: 1, name: "Schedule maintenance" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await snapshot(page, "console-maintenance-new-375");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/admin/maintenance");
    await expect(page.getByRole("heading", { level: 1, name: "Maintenance" })).toBeVisible();
    await snapshot(page, "console-maintenance-dark-1280");
  });
});

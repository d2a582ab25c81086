// The public response-time chart: off by default; the admin turns it on in the service's form, and `/` draws
// the service's last 24 hours and 90 days from the monitor's roll-ups, without script, readable at 320 px.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { components, monitorRollups, monitors } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { newId } from "@/core/ids";
import { bucketStart } from "@/core/rollup";
import { DAY, HOUR } from "@/core/time";
import { ARTIFACTS, expect, test } from "./fixtures";

test.describe("the public response-time chart", () => {
  test.use({ signedInAs: "owner" });

  test("appears on / only once the admin turns it on, labelled in ms and summarised in words", async ({
    page,
    browser,
    db,
    pageId,
    unique,
    snapshot,
  }) => {
    test.setTimeout(120_000);
    const name = unique("Web portal");
    const now = Date.now();
    const componentId = insertComponent(db, { pageId, name, at: now - 100 * DAY, actor: { source: "manual" } });
    const monitorId = newId();
    // Paused: the scheduler leaves it alone; its roll-ups are what it measured before.
    db.insert(monitors)
      .values({
        id: monitorId,
        pageId,
        name: `${name} check`,
        kind: "http",
        config: { url: "http://127.0.0.1:3121/" },
        intervalSeconds: 30,
        timeoutMs: 5000,
        componentId,
        paused: true,
        nextRunAt: now,
        createdAt: now - 100 * DAY,
        updatedAt: now - 100 * DAY,
      })
      .run();
    const rollup = (resolution: "hour" | "day", at: number, avgMs: number, countDown = 0) =>
      db
        .insert(monitorRollups)
        .values({
          monitorId,
          resolution,
          bucketStart: at,
          countUp: 120 - countDown,
          countSlow: 0,
          countDown,
          timedCount: 120 - countDown,
          minMs: avgMs,
          avgMs,
          p95Ms: avgMs,
          maxMs: avgMs,
        })
        .run();
    const hour = bucketStart(now, "hour");
    for (let i = 1; i <= 24; i++) rollup("hour", hour - i * HOUR, i === 3 ? 480 : 100 + i, i === 3 ? 6 : 0);
    const day = bucketStart(now, "day");
    for (let i = 1; i <= 90; i++) rollup("day", day - i * DAY, 110 + (i % 7) * 5);

    try {
      const row = page.locator(`[data-component="${componentId}"]`);
      await page.goto("/");
      await expect(row).toBeVisible();
      await expect(row.locator("[data-response-time]")).toHaveCount(0);

      await page.goto(`/admin/services/${componentId}`);
      const setting = page.getByLabel("Show response time on the public page");
      await expect(setting).not.toBeChecked();
      await setting.check();
      await page.getByRole("button", { name: "Save service" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Service saved." })).toBeVisible();
      expect(db.select().from(components).where(eq(components.id, componentId)).get()!.showResponseTime).toBe(true);

      // A visitor: no cookies, no script; the page comes from the cache, refreshed by the save.
      const visitor = await browser.newContext({ javaScriptEnabled: false, colorScheme: "dark" });
      const anon = await visitor.newPage();
      await anon.goto("/");
      const chart = anon.locator(`[data-component="${componentId}"] [data-response-time]`);
      await expect(chart.getByText("Response time", { exact: true })).toBeVisible();
      await expect(chart).toContainText(/Last 24 hours: average \d+ ms \(101–480 ms\), 6 of 2880 checks failed/);
      await expect(chart).toContainText(/Last 90 days: average \d+ ms \(110–140 ms\), no failed checks/);
      await expect(chart.locator("svg text").first()).toHaveText("480 ms");
      await expect(
        chart.getByRole("table", { name: `${name}: average response time per hour, last 24 hours` }),
      ).toHaveCount(1);

      // axe runs as script in the page: a second visitor with script on, same colours.
      const checker = await browser.newContext({ colorScheme: "dark" });
      const checked = await checker.newPage();
      await checked.goto("/");
      const axe = await new AxeBuilder({ page: checked }).analyze();
      await checker.close();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      await chart.scrollIntoViewIfNeeded();
      await snapshot(anon, "public-response-time-desktop-dark");
      for (const width of [375, 320]) {
        await anon.setViewportSize({ width, height: 800 });
        await anon.goto("/");
        expect(await anon.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
          0,
        );
      }
      await snapshot(anon, "public-response-time-320-dark");
      await anon.setViewportSize({ width: 375, height: 800 });
      await anon
        .locator(`[data-component="${componentId}"]`)
        .screenshot({ path: path.join(ARTIFACTS, "public-response-time-375-dark.png") });
      await visitor.close();
    } finally {
      db.delete(monitors).where(eq(monitors.id, monitorId)).run();
      db.delete(components).where(eq(components.id, componentId)).run();
    }
  });
});

// Static-copy targets from the console: an owner adds a folder target in Settings (a per-field error first),
// tests the connection, presses Publish now and sees the server's publisher (already running, no restart) report
// it; then Debian's nginx serves that folder and the history page's service filter links work on the copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { eq, like } from "drizzle-orm";
import { publishTargetConfigs, publishTargets } from "@/db/schema";
import { expect, test } from "./public-fixtures";
import { formStatus } from "./fixtures";
import { freePort, NGINX, startNginx } from "./static-copy";

test.describe("static-copy targets in settings", () => {
  test.use({ signedInAs: "owner", colorScheme: "dark" });

  test("add a folder, test it, publish now, and browse the history filter on the nginx-served copy", async ({
    page,
    db,
    makeService,
    makeIncident,
    unique,
    snapshot,
  }) => {
    test.setTimeout(300_000);
    if (!fs.existsSync(NGINX)) throw new Error("this test needs Debian's nginx: apt-get install -y nginx");
    const service = unique("Filtered service");
    const serviceId = makeService(service);
    const outage = unique("Filtered outage");
    makeIncident({ name: outage, componentIds: [serviceId], updates: [{ status: "resolved", body: "Fixed." }] });
    const targetName = unique("Standby folder");
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "publish-settings-e2e-"));
    fs.chmodSync(work, 0o755); // nginx's workers run as another user
    const folder = path.join(work, "site");
    const ids: string[] = [];
    try {
      await page.goto("/admin/settings");
      const add = page.locator("details", { has: page.locator("summary", { hasText: "Add a target" }) });
      await add.locator("summary").click();
      await add.getByLabel("Name").fill(targetName);
      await add.getByLabel("Folder", { exact: true }).fill("relative/site");
      await add.getByRole("button", { name: "Add target" }).click();
      await expect(add.getByText("Give an absolute path, e.g. /srv/status-copy")).toBeVisible();
      await expect(add.getByLabel("Folder", { exact: true })).toBeFocused();
      await add.getByLabel("Folder", { exact: true }).fill(folder);
      await add.getByRole("button", { name: "Add target" }).click();
      await expect(formStatus(page).filter({ hasText: "Target added" })).toBeVisible();
      ids.push(db.select().from(publishTargetConfigs).where(eq(publishTargetConfigs.name, targetName)).get()!.id);

      const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: targetName }) });
      await expect(item).toContainText(folder);
      await item.getByRole("button", { name: `Test connection of ${targetName}` }).click();
      await expect(item.getByText(/Connected: wrote and deleted a test object in/)).toBeVisible();

      await page.getByRole("button", { name: "Publish now" }).click();
      await expect(formStatus(page).filter({ hasText: /Publishing .* now/ })).toBeVisible();
      await expect(async () => {
        await page.reload();
        const published = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: targetName }) });
        await expect(published.getByText("never", { exact: true })).toHaveCount(0, { timeout: 1_000 });
      }).toPass({ timeout: 180_000, intervals: [2_000] });
      expect(fs.existsSync(path.join(folder, "index.html"))).toBe(true);

      const section = page.locator("section[aria-labelledby=publishing-heading]");
      await section.scrollIntoViewIfNeeded();
      await snapshot(page, "console-settings-static-copy-desktop-dark");
      const axe = await new AxeBuilder({ page }).include("section[aria-labelledby=publishing-heading]").analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await snapshot(page, "console-settings-static-copy-375-dark");
      await page.setViewportSize({ width: 1280, height: 800 });

      // The copy on its own: the history filter is links, each service's history a page of its own.
      const port = await freePort();
      const nginx = await startNginx(folder, work, port);
      try {
        await page.goto(`http://127.0.0.1:${port}/history.html`);
        const filter = page.getByRole("navigation", { name: "Service" });
        await expect(filter.getByRole("link", { name: "All services" })).toHaveAttribute("aria-current", "page");
        await filter.getByRole("link", { name: service }).click();
        await expect(page).toHaveURL(`http://127.0.0.1:${port}/history--component-${serviceId}.html`);
        await expect(filter.getByRole("link", { name: service })).toHaveAttribute("aria-current", "page");
        await expect(page.getByRole("link", { name: outage })).toBeVisible();
        await filter.getByRole("link", { name: "All services" }).click();
        await expect(page).toHaveURL(`http://127.0.0.1:${port}/history.html`);
        await snapshot(page, "published-history-filter-desktop-dark");
      } finally {
        nginx.kill("SIGTERM");
      }

      await page.goto("/admin/settings");
      await page.getByRole("button", { name: `Remove ${targetName}` }).click();
      await expect(page.getByRole("heading", { name: targetName })).toHaveCount(0);
      expect(db.select().from(publishTargetConfigs).where(eq(publishTargetConfigs.name, targetName)).all()).toEqual([]);
    } finally {
      const rows = db.select().from(publishTargetConfigs).where(eq(publishTargetConfigs.name, targetName)).all();
      for (const row of rows) {
        db.delete(publishTargetConfigs).where(eq(publishTargetConfigs.id, row.id)).run();
        db.delete(publishTargets)
          .where(like(publishTargets.name, `%:${row.id}`))
          .run();
      }
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

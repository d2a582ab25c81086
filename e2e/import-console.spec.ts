// Settings -> Import in a real browser: an admin previews a public Statuspage page (the fake one, on
// 127.0.0.1), imports it, and its services appear on the public page. The test removes what it imported.
import AxeBuilder from "@axe-core/playwright";
import { eq, inArray } from "drizzle-orm";
import { componentGroups, components, importMappings, incidents, pages } from "@/db/schema";
import { startFakeStatuspage, type FakeStatuspage } from "@/services/testing/fake-statuspage";
import { expect, formStatus, test } from "./fixtures";

let fake: FakeStatuspage;
test.beforeAll(async () => {
  fake = await startFakeStatuspage({ port: 3181, incidents: 3, maintenances: 1, subscribers: 0 });
});
test.afterAll(() => fake.close());

test.describe("Settings -> Import", () => {
  test.use({ signedInAs: "admin" });

  test("previews a public Statuspage page, then imports it", async ({ page, db, unique, snapshot }) => {
    const tag = unique("imp").replace(/\s+/g, "-");
    for (const g of fake.data.groups) g.name = `${g.name} ${tag}`;
    for (const c of fake.data.components) c.name = `${c.name} ${tag}`;
    const source = `statuspage-url:${fake.publicUrl}`;
    const before = db.select().from(pages).get()!;
    try {
      await page.goto("/admin/settings");
      await page.getByRole("link", { name: "Import a Statuspage page" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Import from Statuspage" })).toBeVisible();
      await page.getByRole("button", { name: "Preview import" }).click();
      await expect(page.getByText("Give the page id and API key, or the address of a public page.")).toBeVisible();

      await page.getByLabel("Or the address of a public Statuspage page").fill(fake.publicUrl);
      await page.getByRole("button", { name: "Preview import" }).click();
      const preview = page.getByRole("region", { name: "Preview" });
      await expect(preview).toContainText("services: 12 to create", { timeout: 30_000 });
      await expect(preview).toContainText("Not available from this source");
      expect(db.select().from(importMappings).where(eq(importMappings.source, source)).all()).toEqual([]);

      // The preview state (not reached by e2e/accessibility.spec.ts): axe-clean, nothing wider than 320 px.
      for (const [width, colorScheme] of [
        [375, "dark"],
        [1280, "dark"],
        [320, "light"],
      ] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        if (colorScheme === "dark")
          await snapshot(page, `console-import-preview-${width === 375 ? "375" : "desktop"}-dark`);
      }

      await preview.getByRole("button", { name: "Import" }).click();
      await expect(formStatus(page).last()).toContainText("nobody was notified", { timeout: 30_000 });
      await page.goto("/");
      await expect(page.getByText(`Communication ${tag}`)).toBeVisible();
    } finally {
      const mapped = db.select().from(importMappings).where(eq(importMappings.source, source)).all();
      const ids = (kind: string[]) => mapped.filter((m) => kind.includes(m.kind)).map((m) => m.localId);
      db.transaction((tx) => {
        tx.delete(incidents)
          .where(inArray(incidents.id, ids(["incident", "maintenance"])))
          .run();
        tx.delete(components)
          .where(inArray(components.id, ids(["component"])))
          .run();
        tx.delete(componentGroups)
          .where(inArray(componentGroups.id, ids(["group"])))
          .run();
        tx.delete(importMappings).where(eq(importMappings.source, source)).run();
        tx.update(pages)
          .set({ name: before.name, timeZone: before.timeZone, url: before.url, supportUrl: before.supportUrl })
          .where(eq(pages.id, before.id))
          .run();
      });
    }
  });
});

import { eq } from "drizzle-orm";
import { components } from "@/db/schema";
import { insertComponent, setComponentStatus } from "@/db/writes/components";
import { expect, test } from "./fixtures";

const SEEDED_GROUPS = ["Email & Collaboration", "Network & Remote Access", "Business Applications", "Service Desk"];
const SEEDED_SERVICES = ["Email", "Webmail", "VPN", "Wi-Fi", "Payroll", "Phone Line", "Single Sign-On"];

test.describe("the public status page", () => {
  test("shows the page name, the overall status and every seeded service", async ({ page, snapshot }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Example IT Services" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "All Systems Operational" })).toBeVisible();
    await expect(page).toHaveTitle("Example IT Services Status - All Systems Operational");
    for (const group of SEEDED_GROUPS) await expect(page.getByText(group, { exact: true })).toBeVisible();
    // Groups are collapsed while all is well; open one to see its services.
    await page.getByText("Network & Remote Access", { exact: true }).click();
    await expect(page.getByText("VPN", { exact: true })).toBeVisible();
    await expect(page.getByText("Operational", { exact: true }).first()).toBeVisible();
    // "Only show if degraded" hides Printing while it works.
    await expect(page.getByText("Printing", { exact: true })).toHaveCount(0);
    await snapshot(page, "status-page-desktop-light");
  });

  test("is server-rendered: the HTML carries every service without JavaScript", async ({ request }) => {
    const response = await request.get("/");
    expect(response.status()).toBe(200);
    const html = await response.text();
    for (const name of [...SEEDED_GROUPS.map((g) => g.replace("&", "&amp;")), ...SEEDED_SERVICES])
      expect(html).toContain(`>${name}<`);
    expect(html).toContain("All Systems Operational");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("opens a group with the native disclosure", async ({ page }) => {
      await page.goto("/");
      await page.getByText("Business Applications", { exact: true }).click();
      await expect(page.getByText("Payroll", { exact: true })).toBeVisible();
    });
  });

  test("follows a status change made through the write layer", async ({ page, db, pageId, unique }) => {
    const name = unique("Core Router");
    const id = insertComponent(db, { pageId, name, at: Date.now(), actor: { source: "manual" } });
    try {
      await page.goto("/");
      await expect(page.getByText(name, { exact: true })).toBeVisible();
      setComponentStatus(db, id, "major_outage", Date.now(), { source: "manual" });
      await page.reload();
      await expect(page.getByRole("heading", { name: "Partial System Outage" })).toBeVisible();
      const row = page.getByRole("listitem").filter({ hasText: name });
      await expect(row.getByText("Major outage")).toBeVisible();
    } finally {
      db.delete(components).where(eq(components.id, id)).run();
    }
    await page.reload();
    await expect(page.getByRole("heading", { name: "All Systems Operational" })).toBeVisible();
  });

  test("shows the banner of each state set through the write layer", async ({ page, db, pageId, unique }) => {
    const id = insertComponent(db, {
      pageId,
      name: unique("Badge System"),
      at: Date.now(),
      actor: { source: "manual" },
    });
    try {
      for (const [status, banner] of [
        ["degraded_performance", "Partially Degraded Service"],
        ["partial_outage", "Minor Service Outage"],
        ["major_outage", "Partial System Outage"],
        ["under_maintenance", "Service Under Maintenance"],
        ["operational", "All Systems Operational"],
      ] as const) {
        setComponentStatus(db, id, status, Date.now(), { source: "manual" });
        await page.goto("/");
        await expect(page.getByRole("heading", { level: 2, name: banner }), status).toBeVisible();
      }
    } finally {
      db.delete(components).where(eq(components.id, id)).run();
    }
  });

  test.describe("on a phone in dark mode", () => {
    test.use({ viewport: { width: 375, height: 740 }, colorScheme: "dark" });
    test("stays readable", async ({ page, snapshot }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "All Systems Operational" })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await snapshot(page, "status-page-phone-dark");
    });
  });
});

test.describe("the health check", () => {
  test("answers 200 with JSON while the database is reachable", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});

test("unknown pages get a real 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
});

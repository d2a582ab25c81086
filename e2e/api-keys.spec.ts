import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { expect, formStatus, test } from "./fixtures";

test.describe("API keys, for an owner", () => {
  test.use({ signedInAs: "owner", permissions: ["clipboard-read", "clipboard-write"] });

  test("creates a key shown once, automation uses it, the audit log names it, and revoking it refuses the next call", async ({
    page,
    request,
    db,
    unique,
    snapshot,
  }) => {
    test.setTimeout(120_000); // a dozen page loads on a shared machine
    const keyName = unique("Deploy bot");
    const serviceName = unique("Build farm");
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "API keys" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

    await page.getByLabel("Name").fill(keyName);
    await page.getByLabel("Role").selectOption("admin");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(formStatus(page).first()).toContainText(`Key “${keyName}” created.`);
    const key = await page.getByLabel(/Your new API key/).inputValue();
    expect(key).toMatch(/^sp_[\w-]{32}$/);
    await page.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await snapshot(page, "console-api-keys-created");
    expect(db.select().from(apiKeys).where(eq(apiKeys.name, keyName)).get()?.keyHash).not.toContain(key);

    // Shown once: a reload lists the key by name and prefix only.
    await page.reload();
    const row = page.getByRole("listitem").filter({ hasText: keyName });
    await expect(row).toContainText("Admin key · created");
    await expect(row).toContainText("last used never");
    expect(await page.content()).not.toContain(key);

    const auth = { authorization: `Bearer ${key}` };
    // Operational, so the other specs sharing this database still see "All Systems Operational".
    const created = await request.post("/api/v1/components", {
      headers: auth,
      data: { name: serviceName, description: "Created by the API" },
    });
    expect(created.status()).toBe(201);
    const { component } = await created.json();
    expect(component).toMatchObject({ name: serviceName, status: "operational" });
    try {
      await page.goto("/");
      await expect(page.getByText(serviceName).first()).toBeVisible();
    } finally {
      expect((await request.delete(`/api/v1/components/${component.id}`, { headers: auth })).status()).toBe(204);
    }

    await page.goto("/admin/audit");
    await page.getByLabel("Who (email contains)").fill(keyName);
    await page.getByRole("button", { name: "Filter" }).click();
    for (const action of ["component.create", "component.delete"]) {
      const entry = page.getByRole("row").filter({ hasText: action });
      await expect(entry).toHaveCount(1);
      await expect(entry).toContainText(`API key "${keyName}"`);
    }

    await page.goto("/admin/api-keys");
    await expect(row).not.toContainText("last used never");
    page.once("dialog", (dialog) => dialog.accept());
    await row.getByRole("button", { name: `Revoke key ${keyName}` }).click();
    await expect(row.getByRole("status")).toContainText("revoked");
    await page.reload();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

    const refused = await request.get(`/api/v1/components/${component.id}`, { headers: auth });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  test("dismissing the confirmation keeps the key", async ({ page, unique }) => {
    const keyName = unique("Kept key");
    await page.goto("/admin/api-keys");
    await page.getByLabel("Name").fill(keyName);
    await page.getByRole("button", { name: "Create key" }).click();
    const key = await page.getByLabel(/Your new API key/).inputValue();
    page.once("dialog", (dialog) => dialog.dismiss());
    await page.getByRole("button", { name: `Revoke key ${keyName}` }).click();
    await expect(page.getByRole("listitem").filter({ hasText: keyName })).not.toContainText("Revoked");
    const still = await page.request.get("/api/v1/components", { headers: { authorization: `Bearer ${key}` } });
    expect(still.status()).toBe(200);
  });

  test("names a bad field and keeps what was typed", async ({ page }) => {
    await page.goto("/admin/api-keys");
    await page.getByLabel("Name").fill("x".repeat(101));
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("Use at most 100 characters (this has more).")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("x".repeat(101));
    await expect(page.getByLabel("Name")).toBeFocused();
  });
});

test.describe("API keys, for anyone else", () => {
  test.use({ signedInAs: "admin" });
  test("an admin gets 403 and the nav does not offer the page", async ({ page }) => {
    const response = await page.goto("/admin/api-keys");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await page.goto("/admin");
    await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  });
});

test.describe("API keys on a phone in dark mode", () => {
  test.use({ signedInAs: "owner", viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  test("the new key and the list fit the screen and pass axe", async ({ page, unique, snapshot }) => {
    await page.goto("/admin/api-keys");
    await page.getByLabel("Name").fill(unique("Phone check"));
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByLabel(/Your new API key/)).toHaveValue(/^sp_/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snapshot(page, "console-api-keys-created-phone-dark");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});

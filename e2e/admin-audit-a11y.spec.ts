import { OWNER, expect, test } from "./fixtures";

test.describe("the audit log", () => {
  test.use({ signedInAs: "owner" });

  test("shows who did what, filters, and never holds a password", async ({ page, createMember, browser }) => {
    const member = createMember("editor");
    // A failed sign-in with a recognisable wrong password, from another browser.
    const other = await browser.newContext();
    const guest = await other.newPage();
    await guest.goto("/login");
    await guest.getByLabel("Email").fill(member.email);
    await guest.getByLabel("Password").fill("hunter2-wrong-password");
    await guest.getByRole("button", { name: "Sign in" }).click();
    await expect(guest.getByText("The email or password is incorrect.")).toBeVisible({ timeout: 15_000 });
    await other.close();

    await page.goto("/admin/audit");
    await page.getByLabel("What").selectOption("auth.sign_in_failed");
    await page.getByLabel("Who (email contains)").fill(member.email);
    await page.getByRole("button", { name: "Filter" }).click();
    const rows = page.getByRole("row").filter({ hasText: member.email });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("auth.sign_in_failed");
    expect(await page.content()).not.toContain("hunter2-wrong-password");
    expect(await page.content()).not.toContain(OWNER.password);

    await page.getByLabel("Who (email contains)").fill("nobody-at-all@example.invalid");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("Nothing matches.")).toBeVisible();
  });
});

// axe on every console page, light and dark, desktop and phone: e2e/accessibility.spec.ts (the list is read from app/).

test.describe("the console on a phone in dark mode", () => {
  test.use({ signedInAs: "owner", viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  for (const path of ["/admin/services", "/admin/settings", "/admin/team", "/admin/api-keys", "/admin/webhooks"]) {
    test(`${path} fits the screen`, async ({ page, snapshot }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await snapshot(page, `console-${path.split("/").pop()}-phone-dark`);
    });
  }
});

import { totp } from "@/services/auth/totp";
import { expect, formStatus, test } from "./fixtures";

test.describe("two-factor sign-in", () => {
  test("a member turns it on with an authenticator code, then needs a code to sign in", async ({
    page,
    createMember,
    snapshot,
  }) => {
    const member = createMember("admin");
    await page.goto("/login");
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/, { timeout: 15_000 });

    await page.goto("/admin/account");
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await expect(
      page.getByRole("img", { name: "QR code of the key: scan it with your authenticator app" }),
    ).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    await page.getByLabel("Code from the app").fill("000000" === totp(secret, Date.now()) ? "111111" : "000000");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.getByText("This code is not right.")).toBeVisible();
    await page.getByLabel("Code from the app").fill(totp(secret, Date.now()));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
    await snapshot(page, "console-two-factor-recovery-codes");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible({ timeout: 15_000 });
    // The password alone opens nothing.
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/login/two-factor");
    await page.getByLabel("Code").fill("123");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("This code is not right.")).toBeVisible();
    await page.getByLabel("Code").fill(totp(secret, Date.now()));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText(`Signed in as ${member.email}`)).toBeVisible();
    await expect(formStatus(page)).toHaveCount(0);
  });
});

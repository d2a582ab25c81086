// Single sign-on in a real browser through a real OpenID Provider (oidc-provider on 127.0.0.1, started by
// playwright.config.ts): a viewer of a mixed page, a team member whose group maps to a role, someone in no
// mapped group waiting for approval, and local passwords off except the break-glass owner.
import AxeBuilder from "@axe-core/playwright";
import { eq, inArray } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { components, consoleSsoSettings, pages, ssoAccessRequests, users } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { saveConsoleSsoSettings, upsertSsoAccessRequest } from "@/db/writes/console-sso";
import { expect, OWNER, test } from "./fixtures";

const ISSUER = process.env.E2E_OIDC_ISSUER!;

/** Signs `login` in at the provider's own pages (its dev login takes any password), back to the app. */
async function atProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  // The consent page, then back to the app.
  await page.locator('button[type="submit"]').click();
  await expect(page).not.toHaveURL(new RegExp(`^${ISSUER}`));
}

async function axeClean(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

const mapping = (over: Partial<Parameters<typeof saveConsoleSsoSettings>[1]> = {}) => ({
  roleClaim: "groups",
  roleMapping: "status-admins = admin",
  emailDomains: "",
  localPasswordsOff: false,
  breakGlassUserId: null,
  at: Date.now(),
  ...over,
});

test.describe("single sign-on", () => {
  const made: string[] = [];
  test.afterEach(async ({ db }) => {
    db.delete(consoleSsoSettings).run();
    db.delete(ssoAccessRequests).run();
    db.update(pages).set({ visibility: "public", viewerEmailDomains: null, viewerIpAllowlist: null }).run();
    if (made.length)
      db.delete(components)
        .where(inArray(components.id, made.splice(0)))
        .run();
  });

  test("a viewer signs in through the provider and sees the internal services of a mixed page", async ({
    page,
    db,
    pageId,
    unique,
  }) => {
    const internalName = unique("Payroll");
    const internal = insertComponent(db, { pageId, name: internalName, at: Date.now(), actor: { source: "manual" } });
    made.push(internal);
    db.update(components).set({ visibility: "internal" }).where(eq(components.id, internal)).run();
    db.update(pages).set({ visibility: "mixed" }).run();

    await page.goto("/");
    await expect(page.getByText(internalName)).toHaveCount(0);
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Sign in with Example SSO" }).click();
    await atProvider(page, "ann");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(internalName)).toBeVisible();
  });

  test("a team member whose group maps to admin signs in to the console as an admin", async ({
    page,
    db,
    snapshot,
  }) => {
    saveConsoleSsoSettings(db, mapping());
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/login");
    await axeClean(page);
    await snapshot(page, "console-sso-login-375-dark");
    await page.setViewportSize({ width: 1280, height: 800 });
    await snapshot(page, "console-sso-login-desktop-dark");

    await page.getByRole("link", { name: "Sign in with Example SSO" }).click();
    await atProvider(page, "carl");
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { level: 1, name: "Console", exact: true })).toBeVisible();
    expect(db.select().from(users).where(eq(users.email, "carl@example.com")).get()?.role).toBe("admin");
  });

  test("someone in no mapped group waits for an owner's approval, and is not signed in", async ({
    page,
    db,
    snapshot,
  }) => {
    saveConsoleSsoSettings(db, mapping());
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with Example SSO" }).click();
    await atProvider(page, "dan");
    await expect(page).toHaveURL(/\/login\?sso=no_mapping$/);
    await expect(page.getByRole("heading", { level: 1, name: "Waiting for approval" })).toBeVisible();
    await axeClean(page);
    await snapshot(page, "console-sso-pending-375-dark");
    await page.setViewportSize({ width: 1280, height: 800 });
    await snapshot(page, "console-sso-pending-desktop-dark");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login/);
    expect(
      db.select().from(ssoAccessRequests).where(eq(ssoAccessRequests.email, "dan@example.com")).get(),
    ).toBeTruthy();
  });

  test("with local passwords off, a non-owner's password is refused and the break-glass owner's accepted", async ({
    page,
    db,
    createMember,
  }) => {
    const owner = db.select().from(users).where(eq(users.email, OWNER.email)).get()!;
    saveConsoleSsoSettings(db, mapping({ localPasswordsOff: true, breakGlassUserId: owner.id }));
    const editor = createMember("editor");
    await page.goto("/login");
    await page.getByLabel("Email").fill(editor.email);
    await page.getByLabel("Password").fill(editor.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Password sign-in is turned off for your account")).toBeVisible({ timeout: 15_000 });
    await expect(page).toHaveURL(/\/login$/);

    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/, { timeout: 15_000 });
  });
});

test.describe("the owner's side of single sign-on", () => {
  test.use({ signedInAs: "owner" });
  test.afterEach(async ({ db }) => {
    db.delete(consoleSsoSettings).run();
    db.delete(ssoAccessRequests).run();
  });

  test("an owner approves a waiting person with a role on the Team page", async ({ page, db, snapshot }) => {
    const email = `wait-${Date.now().toString(36)}@example.com`;
    upsertSsoAccessRequest(db, { email, name: "Waiting Person", claimValues: ["sales"], at: Date.now() });
    saveConsoleSsoSettings(db, mapping());
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/admin/team");
    await expect(page.getByRole("heading", { name: "Waiting for approval" })).toBeVisible();
    await expect(page.getByText("Groups: sales")).toBeVisible();
    await expect(page.getByLabel("Role mapping")).toHaveValue("status-admins = admin");
    await axeClean(page);
    await snapshot(page, "console-sso-team-375-dark");
    await page.getByLabel(`Role for ${email}`).selectOption("editor");
    await page.getByRole("button", { name: `Approve ${email}` }).click();
    await expect(page.getByText("Approved: they can now sign in with single sign-on")).toBeVisible();
    await expect(page.getByRole("button", { name: `Approve ${email}` })).toHaveCount(0);
    expect(db.select().from(users).where(eq(users.email, email)).get()?.role).toBe("editor");
    expect(db.select().from(ssoAccessRequests).where(eq(ssoAccessRequests.email, email)).get()).toBeUndefined();
  });
});

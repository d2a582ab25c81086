import { eq } from "drizzle-orm";
import { auditLog, sessions } from "@/db/schema";
import { hashToken } from "@/services/auth/tokens";
import { expect, formStatus, OWNER, signInThroughForm, test } from "./fixtures";

test.describe("signing in", () => {
  test("the console sends signed-out visitors to the sign-in page", async ({ page }) => {
    await page.goto("/admin/services");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
  });

  test("the owner signs in, sees the console, and signs out for real", async ({ page, context, db, snapshot }) => {
    await signInThroughForm(page, OWNER.email, OWNER.password);
    const cookie = (await context.cookies()).find((c) => c.name === "session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(
      db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, hashToken(cookie.value)))
        .get(),
    ).toBeTruthy();
    await expect(
      page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Your account" }),
    ).toBeVisible();
    await snapshot(page, "console-home-desktop");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    // The session is gone on the server: the old cookie opens nothing.
    expect(
      db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, hashToken(cookie.value)))
        .get(),
    ).toBeUndefined();
    await context.addCookies([{ ...cookie }]);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a wrong password and an unknown email get the same answer, keep the email, and are audited", async ({
    page,
    db,
    unique,
  }) => {
    const ghost = `${unique("ghost").replace(/\W+/g, "-")}@example.com`;
    await page.goto("/login");
    await page.getByLabel("Email").fill(ghost);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    // scrypt (~0.5 s, more on a busy machine) runs even for an unknown email, so allow for it.
    await expect(formStatus(page)).toHaveText("The email or password is incorrect.", { timeout: 15_000 });
    await expect(page.getByLabel("Email")).toHaveValue(ghost);
    await expect(page.getByLabel("Password")).toHaveValue("");
    const entry = db.select().from(auditLog).where(eq(auditLog.actorLabel, ghost.toLowerCase())).get();
    expect(entry?.action).toBe("auth.sign_in_failed");
    expect(JSON.stringify(entry)).not.toContain("not the password");
  });

  test("empty fields are named, and focus moves to the first", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toBeFocused();
  });

  test("an account is locked for a while after repeated failures", async ({ page, db, createMember }) => {
    const member = createMember("editor");
    const failures = () => db.select().from(auditLog).where(eq(auditLog.actorId, member.id)).all().length;
    await page.goto("/login");
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("Email").fill(member.email);
      await page.getByLabel("Password").fill(`wrong ${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(failures, { timeout: 15_000 }).toBe(i);
      await expect(formStatus(page)).toHaveText("The email or password is incorrect.");
    }
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formStatus(page)).toContainText("Too many failed sign-ins. Wait", { timeout: 15_000 });
  });

  test("a forged x-middleware-subrequest header does not get past the console's door", async ({ request }) => {
    const response = await request.get("/admin", {
      headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
      maxRedirects: 0,
    });
    expect([307, 400]).toContain(response.status());
    expect(await response.text()).not.toContain("Signed in as");
  });
});

test.describe("signed in as an editor", () => {
  test.use({ signedInAs: "editor" });
  test("sees the console and their account page", async ({ page, member }) => {
    await page.goto("/admin");
    await expect(page.getByText(`Signed in as ${member!.email}`)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Services" })).toHaveCount(
      0,
    );
    const response = await page.goto("/admin/account");
    expect(response?.status()).toBe(200);
  });
});

test.describe("the console on a phone in dark mode", () => {
  test.use({ signedInAs: "owner", viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  test("opens its menu and fits the screen", async ({ page, snapshot }) => {
    await page.goto("/admin");
    await page.getByText("Menu").click();
    await expect(
      page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Your account" }),
    ).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snapshot(page, "console-home-phone-dark");
  });
});

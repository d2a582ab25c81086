// Audiences (issue #15) in a real browser against the production server and its page cache: a mixed page seen
// anonymously (the public part and a "Staff: sign in" link), then after an email-link sign-in (internal
// services visible, private no-store), then signed out; a signed-out cookie replayed gets the public copy at
// once; a private page refusing everything anonymous.
import AxeBuilder from "@axe-core/playwright";
import { eq, inArray } from "drizzle-orm";
import { components, pages } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { VIEWER_COOKIE } from "@/services/viewers/policy";
import { createViewerSession } from "@/services/viewers/sessions";
import { expect, test } from "./notification-fixtures";

const PUBLIC_SETTINGS = { visibility: "public", viewerEmailDomains: null, viewerIpAllowlist: null } as const;

test.describe("audiences", () => {
  const made: string[] = [];
  test.afterEach(async ({ db }) => {
    db.update(pages).set(PUBLIC_SETTINGS).run();
    if (made.length)
      db.delete(components)
        .where(inArray(components.id, made.splice(0)))
        .run();
  });

  test("a mixed page: the public part anonymously, everything after an email link", async ({
    page,
    db,
    pageId,
    unique,
    inbox,
    snapshot,
  }) => {
    const publicName = unique("Webmail");
    const internalName = unique("Payroll");
    made.push(insertComponent(db, { pageId, name: publicName, at: Date.now(), actor: { source: "manual" } }));
    const internal = insertComponent(db, { pageId, name: internalName, at: Date.now(), actor: { source: "manual" } });
    made.push(internal);
    db.update(components).set({ visibility: "internal" }).where(eq(components.id, internal)).run();
    db.update(pages).set({ visibility: "mixed", viewerEmailDomains: "example.com" }).run();

    const anonymous = await page.goto("/");
    expect(anonymous?.headers()["cache-control"]).toMatch(/^public/);
    await expect(page.getByText(publicName)).toBeVisible();
    await expect(page.getByText(internalName)).toHaveCount(0);
    await page.getByRole("link", { name: "Staff: sign in for internal services" }).click();
    await expect(page.getByRole("heading", { name: /Sign in to .* status/ })).toBeVisible();

    // The sign-in page: axe-clean, light and dark, desktop and phone; nothing scrolls sideways at 320 px.
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 375, 320]) {
        await page.setViewportSize({ width, height: 800 });
        expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      }
    }
    await page.setViewportSize({ width: 375, height: 800 });
    await snapshot(page, "viewer-sign-in-375-dark");
    await page.setViewportSize({ width: 1280, height: 800 });
    await snapshot(page, "viewer-sign-in-desktop-dark");

    const email = `staff-${Date.now().toString(36)}@example.com`;
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("status")).toContainText("a sign-in link is on its way");
    const mail = await inbox(email, /^Sign in to/);
    const link = /http:\/\/127\.0\.0\.1:\d+\/sign-in\?link=[A-Za-z0-9_-]+/.exec(mail.text ?? "")![0];
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(internalName)).toBeVisible();
    await expect(page.getByText("Internal view")).toBeVisible();
    const staff = await page.reload();
    expect(staff?.headers()["cache-control"]).toBe("private, no-store");
    await snapshot(page, "mixed-page-internal-desktop-dark");

    // The link worked once.
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "no longer valid" })).toContainText("no longer valid");

    // The console does not take a viewer for a member.
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login/);

    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText(internalName)).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Staff: sign in for internal services" })).toBeVisible();
  });

  test("a signed-out session cookie gets the public copy on the very next request", async ({
    page,
    db,
    pageId,
    unique,
    request,
    baseURL,
  }) => {
    const internalName = unique("Payroll");
    const internal = insertComponent(db, { pageId, name: internalName, at: Date.now(), actor: { source: "manual" } });
    made.push(internal);
    db.update(components).set({ visibility: "internal" }).where(eq(components.id, internal)).run();
    db.update(pages).set({ visibility: "mixed", viewerEmailDomains: "example.com" }).run();
    const { token } = createViewerSession(db, { email: "staff@example.com", method: "email", now: Date.now() });
    await page.context().addCookies([{ name: VIEWER_COOKIE, value: token, url: baseURL! }]);
    // The same cookie replayed from elsewhere: the server must forget it, not only the browser.
    const replay = () => request.get("/", { headers: { cookie: `${VIEWER_COOKIE}=${token}` } });
    const before = await replay();
    expect(before.headers()["cache-control"]).toBe("private, no-store");
    expect(await before.text()).toContain(internalName);

    await page.goto("/");
    await expect(page.getByText(internalName)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText(internalName)).toHaveCount(0);
    // Sign-out is handled by Next, the cached page by server.ts's gate: the in-process session cache they share
    // (services/viewers/live-cache.ts) forgets the session at once, so the old cookie gets the public copy.
    const after = await replay();
    expect(after.headers()["cache-control"]).toMatch(/^public/);
    expect(await after.text()).not.toContain(internalName);
  });

  test("a private page refuses everything anonymous", async ({ page, db, request }) => {
    db.update(pages).set({ visibility: "private", viewerEmailDomains: "example.com" }).run();
    for (const path of [
      "/api/v2/summary.json",
      "/api/v2/status.json",
      "/history.atom",
      "/maintenances.ics",
      "/badge.svg",
    ]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(401);
      expect((await res.json()).error, path).toMatch(/private/);
    }
    for (const path of ["/", "/history", "/embed/widget"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in$/);
    }
  });
});

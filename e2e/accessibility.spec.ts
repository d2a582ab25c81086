// axe finds nothing on any page of the app, light and dark, at 1280 and 375 px. The list of pages is not
// written here: it is every app/**/page.tsx and every route handler that answers HTML (e2e/app-routes.ts), each dynamic segment filled with a real row
// made for this run, so a page added later is checked without anyone remembering to add it.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext } from "@playwright/test";
import { findUserByEmail } from "@/db/queries/users";
import { SESSION_COOKIE } from "@/services/auth/policy";
import { createSession } from "@/services/auth/sessions";
import {
  appRoutes,
  htmlRouteHandlers,
  makeRouteData,
  removeRouteData,
  routeUrl,
  sentEmail,
  type SegmentValues,
} from "./app-routes";
import { OWNER, expect, test } from "./fixtures";

const VARIANTS = [
  { width: 1280, height: 900, colorScheme: "light" },
  { width: 1280, height: 900, colorScheme: "dark" },
  { width: 375, height: 740, colorScheme: "light" },
  { width: 375, height: 740, colorScheme: "dark" },
] as const;

const ROUTES = [...appRoutes(), ...htmlRouteHandlers()];

// One set of rows and three browser contexts (signed out, signed in, half-way through two-factor) per worker
// (there is one; a failure restarts it and the rows are made again): each page is loaded once per variant.
let values: SegmentValues;
let contexts: { guest: BrowserContext; owner: BrowserContext; twoFactor: BrowserContext };

async function contextWithSession(browser: Browser, baseURL: string, token?: string) {
  const context = await browser.newContext({ baseURL });
  if (token)
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  return context;
}

test.beforeAll(async ({ browser, db }, testInfo) => {
  test.setTimeout(90_000);
  const baseURL = testInfo.project.use.baseURL!;
  const owner = findUserByEmail(db, OWNER.email)!;
  const session = (pendingTwoFactor: boolean) =>
    createSession(db, { userId: owner.id, pendingTwoFactor, now: Date.now() }).token;
  contexts = {
    guest: await contextWithSession(browser, baseURL),
    owner: await contextWithSession(browser, baseURL, session(false)),
    twoFactor: await contextWithSession(browser, baseURL, session(true)),
  };
  const data = makeRouteData(db, `Axe ${Date.now().toString(36)}`);
  // A real email and notification for the Sent mail pages: signing up again with a subscribed address
  // sends it a manage link through the worker.
  const page = await contexts.guest.newPage();
  await page.goto("/subscribe");
  await page.getByLabel("Email address").fill(data.subscriberEmail);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible({ timeout: 15_000 });
  await page.close();
  let sent: ReturnType<typeof sentEmail> = null;
  await expect.poll(() => (sent = sentEmail(db, data.subscriberEmail)) !== null, { timeout: 30_000 }).toBe(true);
  values = { ...data.values, "mail/[id]": sent!.emailId, "notifications/[id]": sent!.notificationId };
});

test.afterAll(async ({ db }) => {
  await Promise.all(Object.values(contexts ?? {}).map((c) => c.close()));
  if (values) removeRouteData(db, values);
});

test("the route list is read from app/ and includes the console and the public pages", () => {
  expect(ROUTES.length).toBeGreaterThan(40);
  for (const route of [
    "/",
    "/admin",
    "/admin/mail/[id]",
    "/api",
    "/embed/widget",
    "/invite/[token]",
    "/login/two-factor",
    "/unsubscribe/[token]",
    "/subscribe/confirm/[token]",
  ]) {
    expect(ROUTES).toContain(route);
  }
});

for (const route of ROUTES) {
  test(`${route} has no axe violations (light, dark; 1280, 375 px)`, async () => {
    test.setTimeout(120_000);
    const url = routeUrl(route, values);
    const context = route.startsWith("/admin")
      ? contexts.owner
      : route === "/login/two-factor"
        ? contexts.twoFactor
        : contexts.guest;
    const page = await context.newPage();
    const found: string[] = [];
    for (const variant of VARIANTS) {
      await page.setViewportSize({ width: variant.width, height: variant.height });
      await page.emulateMedia({ colorScheme: variant.colorScheme });
      const response = await page.goto(url);
      expect(response?.status(), `${url} answered`).toBeLessThan(400);
      // Landing somewhere else (a sign-in redirect) would check the wrong page.
      expect(new URL(page.url()).pathname).toBe(url);
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      // A sandboxed, script-less frame (a sent email's HTML) cannot run axe; the page around it is checked,
      // the email's own markup is the templates' concern (emails/templates.test.tsx).
      const results = await new AxeBuilder({ page }).exclude("iframe[sandbox]").analyze();
      for (const v of results.violations)
        found.push(
          `${variant.width}px ${variant.colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
    }
    await page.close();
    expect(found).toEqual([]);
  });
}

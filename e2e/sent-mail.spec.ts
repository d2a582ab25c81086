import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { getPageRow } from "@/db/queries/subscribers";
import { deliveries, notifications } from "@/db/schema";
import { enqueueNotification } from "@/db/writes/outbox";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { expect, test } from "./notification-fixtures";

/**
 * axe on our own screens. The email's HTML, in its script-less sandboxed frame, is left out: axe cannot run
 * inside it (it would hang), and the templates are the emails' own concern (emails/templates.test.tsx).
 */
async function expectAccessible(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).exclude('iframe[title^="HTML of the email"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("Sent mail", () => {
  test.use({ signedInAs: "owner" });

  test("shows an email a sign-up sent, with its HTML, text and headers, and its notification's delivery", async ({
    page,
    browser,
    db,
    inbox,
    unique,
    snapshot,
  }) => {
    test.slow(); // a sign-up, the worker's delivery, then four console screens with accessibility checks
    const email = `${unique("reader").replace(/\W+/g, "-").toLowerCase()}@example.com`;
    db.transaction((tx) =>
      insertEmailSubscriber(tx, { pageId: getPageRow(tx)!.id, email, state: "active", at: Date.now() }),
    );

    // Signing up again with an address already subscribed sends it a manage link (with unsubscribe headers).
    const visitor = await browser.newContext();
    const publicPage = await visitor.newPage();
    await publicPage.goto("/subscribe");
    await publicPage.getByLabel("Email address").fill(email);
    await publicPage.getByRole("button", { name: "Subscribe" }).click();
    await expect(publicPage.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    await visitor.close();
    const received = await inbox(email, /^Manage your subscription/);

    await page.goto("/admin");
    await expect(page.getByText("Email: sent through Resend.")).toBeVisible();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Sent mail" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Sent mail" })).toBeVisible();
    await expect(page.getByText("Emails go out through Resend.")).toBeVisible();

    await page.getByLabel("Address or subject contains").fill(email);
    await page.getByRole("button", { name: "Filter" }).click();
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Manage link");
    await expect(row).toContainText("Sent");
    await snapshot(page, "console-sent-mail");
    await expectAccessible(page);

    await page.getByLabel("State").selectOption("Bounced");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("No email matches.")).toBeVisible();
    await page.getByLabel("State").selectOption("Sent");
    await page.getByRole("button", { name: "Filter" }).click();
    await row.getByRole("link", { name: received.subject }).click();

    await expect(page.getByRole("heading", { level: 1, name: received.subject })).toBeVisible();
    await expect(page.getByText(email, { exact: true })).toBeVisible();
    await expect(page.getByText("Status Page <status@example.com>")).toBeVisible();
    const unsubscribe = received.headers["List-Unsubscribe"];
    await expect(page.getByText("List-Unsubscribe-Post")).toBeVisible();
    await expect(page.getByText(unsubscribe, { exact: true })).toBeVisible();
    const frame = page.frameLocator('iframe[title^="HTML of the email"]');
    await expect(frame.getByRole("link", { name: "Manage subscription" })).toBeVisible();
    await expect(page.locator("pre")).toContainText("This address already receives");
    await snapshot(page, "console-sent-mail-email");
    await expectAccessible(page);

    // The frame's document is served under a CSP that allows no script at all.
    const src = await page.locator('iframe[title^="HTML of the email"]').getAttribute("src");
    const served = await page.request.get(src!);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(await served.text()).toContain("Manage subscription");

    await page.getByRole("link", { name: "Manage link" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Manage link" })).toBeVisible();
    await expect(page.getByText(/Batch 1 · 1 recipient · Sent/)).toBeVisible();
    await expect(page.getByText("1 sent", { exact: true })).toBeVisible();
    await expectAccessible(page);
  });

  test("shows a batch the mail service refused, with its error and status code", async ({
    page,
    db,
    fakeResendUrl,
    unique,
  }) => {
    test.slow(); // waits for the worker, then three screens
    const email = `${unique("refused").replace(/\W+/g, "-").toLowerCase()}@example.com`;
    await fetch(`${fakeResendUrl}/_test/reject`, { method: "POST", body: JSON.stringify({ address: email }) });
    try {
      const notificationId = db.transaction((tx) => {
        const pageId = getPageRow(tx)!.id;
        const subscriberId = insertEmailSubscriber(tx, { pageId, email, state: "active", at: Date.now() });
        return enqueueNotification(tx, { pageId, kind: "subscription_manage_link", subscriberId, at: Date.now() });
      });
      await expect
        .poll(() => db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId)).get()?.state, {
          timeout: 15_000,
        })
        .toBe("failed");
      expect(db.select().from(notifications).where(eq(notifications.id, notificationId)).get()).toBeTruthy();

      await page.goto("/admin/mail/notifications");
      await expect(page.getByRole("heading", { level: 1, name: "Sent mail" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Notifications", exact: true })).toHaveAttribute(
        "aria-current",
        "page",
      );
      const item = page
        .getByRole("listitem")
        .filter({ has: page.getByRole("link", { name: "Manage link" }) })
        .first();
      await expect(item).toContainText("1 failed");
      await expect(item).toContainText("Refused by Resend, not retried");
      await expect(item).toContainText("(HTTP 422)");
      await expectAccessible(page);

      await page.goto(`/admin/mail/notifications/${notificationId}`);
      await expect(page.getByText(/Batch 1 · 1 recipient · Failed · 1 failed attempt/)).toBeVisible();
      await page.goto(`/admin/mail?state=failed&q=${encodeURIComponent(email)}`);
      await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Failed");
    } finally {
      await fetch(`${fakeResendUrl}/_test/reject`, { method: "POST", body: JSON.stringify({ address: null }) });
    }
  });

  test("answers 404 for an unknown email", async ({ page }) => {
    const response = await page.goto("/admin/mail/zzzzzzzzzzzz");
    expect(response?.status()).toBe(404);
  });
});

test.describe("Sent mail for an editor", () => {
  test.use({ signedInAs: "editor" });

  test("is neither listed nor reachable", async ({ page }) => {
    await page.goto("/admin");
    await expect(
      page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Sent mail" }),
    ).toHaveCount(0);
    const response = await page.goto("/admin/mail");
    expect(response?.status()).toBe(403);
    const html = await page.request.get("/admin/mail/zzzzzzzzzzzz/html");
    expect(html.status()).toBe(403);
  });
});

test.describe("Sent mail on a phone in dark mode", () => {
  test.use({ signedInAs: "owner", viewport: { width: 375, height: 740 }, colorScheme: "dark" });

  test("fits the screen and passes axe", async ({ page, snapshot, db, unique }) => {
    test.slow(); // four screens, each photographed and checked
    const email = `${unique("phone").replace(/\W+/g, "-").toLowerCase()}@example.com`;
    const notificationId = db.transaction((tx) => {
      const pageId = getPageRow(tx)!.id;
      const subscriberId = insertEmailSubscriber(tx, { pageId, email, state: "active", at: Date.now() });
      return enqueueNotification(tx, { pageId, kind: "subscription_manage_link", subscriberId, at: Date.now() });
    });
    await expect
      .poll(() => db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId)).get()?.state, {
        timeout: 15_000,
      })
      .toBe("sent");
    for (const [path, name] of [
      ["/admin/mail", "sent-mail"],
      ["/admin/mail/notifications", "sent-mail-notifications"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await snapshot(page, `console-${name}-phone-dark`);
      await expectAccessible(page);
    }
    await page.getByRole("link", { name: "Manage link" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Manage link" })).toBeVisible();
    await snapshot(page, "console-sent-mail-notification-phone-dark");
    await page.goto("/admin/mail");
    await page
      .getByRole("list", { name: "Emails, newest first" })
      .getByRole("link", { name: "Manage your subscription" })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 2, name: "Headers" })).toBeVisible();
    await expect(
      page.frameLocator('iframe[title^="HTML of the email"]').getByRole("link", { name: "Manage subscription" }),
    ).toBeVisible();
    await snapshot(page, "console-sent-mail-email-phone-dark");
    await expectAccessible(page);
  });
});

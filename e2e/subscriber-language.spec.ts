// A subscriber's language end to end: a sign-up posted in German gets German mail (confirmation and incident,
// read back from the fake Resend server), the manage page switches it to Arabic without JavaScript's help,
// and the next incident arrives in Arabic. The Arabic manage page is right to left, axe-clean at 375 px in
// dark mode, and nothing scrolls sideways.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { Db } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { components } from "@/db/schema";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { enqueueNotification } from "@/db/writes/outbox";
import { expect, test } from "./notification-fixtures";

const linkIn = (text: string, path: string) => text.match(new RegExp(`https?://[^\\s>]+/${path}/[^\\s>]+`))![0];

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** An incident on one service, written as the console writes it: the change and its notification together. */
function openIncident(db: Db, componentId: string, name: string) {
  db.transaction((tx) => {
    const at = Date.now();
    const pageId = getPageRow(tx)!.id;
    const incidentId = insertIncident(tx, {
      pageId,
      kind: "incident",
      name,
      status: "investigating",
      startedAt: at,
      at,
      componentIds: [componentId],
    });
    const updateId = insertIncidentUpdate(tx, {
      incidentId,
      status: "investigating",
      body: "Pages are slow.",
      displayAt: at,
      at,
      deliverNotifications: true,
      componentStatuses: { [componentId]: "degraded_performance" },
    });
    enqueueNotification(tx, { pageId, kind: "incident_created", incidentId, incidentUpdateId: updateId, at });
  });
}

test("German sign-up, German mail; switched to Arabic on the manage page, Arabic mail", async ({
  page,
  db,
  inbox,
  unique,
  snapshot,
}) => {
  test.slow(); // two emails per language and the page checked at two widths
  const email = `${unique("sprache").replace(/\W+/g, "-").toLowerCase()}@example.com`;
  const service = db.select().from(components).get()!;

  await page.goto("/subscribe");
  await page.getByLabel("Email address").fill(email);
  // The field the public forms post with the page's language (engineer L1's hidden input), posted here as is.
  await page.locator("form:has(input[name=email])").evaluate((form) => {
    form.querySelector("input[name=language]")?.remove();
    const input = document.createElement("input");
    Object.assign(input, { type: "hidden", name: "language", value: "de" });
    form.append(input);
  });
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const confirmation = await inbox(email, /^Bestätigen Sie Ihr Abonnement/);
  expect(confirmation.text).toContain("Der Link läuft in 48 Stunden ab.");
  await page.goto(linkIn(confirmation.text!, "subscribe/confirm"));
  await expect(page.getByRole("heading", { name: "Bestätigen Sie Ihr Abonnement" })).toBeVisible();
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page.getByText("Ihr Abonnement ist bestätigt.")).toBeVisible();
  const manageUrl = page.url().replace(/\?.*$/, "");

  const first = unique("Webmail langsam");
  openIncident(db, service.id, first);
  const german = await inbox(email, new RegExp(`^\\[Wird untersucht\\] ${first}$`));
  expect(german.text).toContain(`${service.name}: Eingeschränkte Leistung`);
  expect(german.text).toContain("Abonnement verwalten");
  expect(german.html).toContain('lang="de"');
  // Its link leads to the incident page in German, not the page's default language.
  await page.goto(linkIn(german.text!, "de/incidents"));
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
  await page.goto(manageUrl);

  // The language select is a plain form: the change is a POST and a redirect.
  await page.getByLabel("Sprache Ihrer E-Mails und Nachrichten").selectOption("ar");
  await page.getByRole("button", { name: "Sprache speichern" }).click();
  await expect(page.getByText("تم حفظ لغتك.")).toBeVisible();
  await expect(page.locator('[lang="ar"][dir="rtl"]').first()).toBeVisible();

  const second = unique("Webmail langsam");
  openIncident(db, service.id, second);
  const arabic = await inbox(email, new RegExp(`^\\[قيد التحقيق\\] ${second}$`));
  expect(arabic.text).toContain(`${service.name}: أداء منخفض`);
  expect(arabic.html).toContain('dir="rtl"');
  expect(arabic.html).toContain('lang="ar"');
  expect(arabic.text).toMatch(/\/ar\/incidents\/\w+/);

  // The Arabic manage page: phone width and desktop, dark, accessible, nothing wider than the screen.
  await page.emulateMedia({ colorScheme: "dark" });
  for (const [name, width] of [
    ["manage-ar-375-dark", 375],
    ["manage-ar-desktop-dark", 1280],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(manageUrl);
    await expect(page.getByRole("heading", { name: /^اشتراكك في/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
    await snapshot(page, name);
  }

  // Unsubscribing from the Arabic email: the page asks in Arabic.
  const unsubscribeUrl = arabic.headers["List-Unsubscribe"].slice(1, -1);
  await page.setViewportSize({ width: 375, height: 900 });
  await page.goto(unsubscribeUrl);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectAccessible(page);
  await snapshot(page, "unsubscribe-ar-375-dark");
  await page.getByRole("button", { name: "إلغاء الاشتراك" }).click();
  await expect(page.getByRole("heading", { name: "تم إلغاء اشتراكك" })).toBeVisible();
});

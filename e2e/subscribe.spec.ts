import { getPageRow } from "@/db/queries/subscribers";
import { components } from "@/db/schema";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { enqueueNotification } from "@/db/writes/outbox";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./notification-fixtures";

async function expectAccessible(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

const linkIn = (text: string, path: string) => text.match(new RegExp(`https?://[^\\s>]+/${path}/[^\\s>]+`))![0];

test("subscribe, confirm from the email, manage, get notified and unsubscribe", async ({
  page,
  db,
  inbox,
  unique,
  snapshot,
  request,
}) => {
  test.slow(); // a whole journey through five pages and two emails, with accessibility checks
  const email = `${unique("reader").replace(/\W+/g, "-").toLowerCase()}@example.com`;
  const webmail =
    db
      .select()
      .from(components)
      .all()
      .find((c) => c.name === "Webmail") ?? db.select().from(components).get()!;

  await page.goto("/subscribe");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Only the services I choose").check();
  await page.getByLabel(webmail.name, { exact: true }).check();
  await snapshot(page, "subscribe-form");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const confirmation = await inbox(email, /^Confirm your subscription/);
  const confirmUrl = linkIn(confirmation.text!, "subscribe/confirm");
  await page.goto(confirmUrl);
  await expect(page.getByRole("heading", { name: "Confirm your subscription" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Your subscription is confirmed.")).toBeVisible();
  await expect(page.getByLabel(webmail.name, { exact: true })).toBeChecked();
  await snapshot(page, "manage-subscription");
  await expectAccessible(page);

  await page.getByLabel("Everything").check();
  await page.getByRole("button", { name: "Save choices" }).click();
  await expect(page.getByText("Your choices are saved.")).toBeVisible();
  await page.getByRole("button", { name: "Pause notifications" }).click();
  await expect(page.getByText("Notifications are paused.")).toBeVisible();
  await page.getByRole("button", { name: "Resume notifications" }).click();
  await expect(page.getByText("Notifications are on again.")).toBeVisible();

  // An incident on Webmail, written as the incident console will: change and notification in one transaction.
  const name = unique("Webmail slow to load");
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
      componentIds: [webmail.id],
    });
    const updateId = insertIncidentUpdate(tx, {
      incidentId,
      status: "investigating",
      body: "Pages are slow.",
      displayAt: at,
      at,
      deliverNotifications: true,
      componentStatuses: { [webmail.id]: "degraded_performance" },
    });
    enqueueNotification(tx, { pageId, kind: "incident_created", incidentId, incidentUpdateId: updateId, at });
  });
  const notification = await inbox(email, new RegExp(`^\\[Investigating\\] ${name}$`));
  expect(notification.text).toContain(`${webmail.name}: Degraded performance`);
  expect(notification.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  const unsubscribeUrl = notification.headers["List-Unsubscribe"].slice(1, -1);

  // A GET shows a button and changes nothing; the button unsubscribes.
  await page.goto(unsubscribeUrl);
  await expect(page.getByRole("heading", { name: /^Unsubscribe from/ })).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();

  // A mail client's one-click POST: no cookies, empty 200, still unsubscribed.
  const oneClick = await request.post(unsubscribeUrl, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toBe("");
});

test("a repeat sign-up answers the same, and a confirmed address gets a manage link", async ({
  page,
  inbox,
  unique,
}) => {
  const email = `${unique("repeat").replace(/\W+/g, "-").toLowerCase()}@example.com`;
  for (let i = 0; i < 2; i++) {
    await page.goto("/subscribe");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  }
  const confirmation = await inbox(email, /^Confirm your subscription/);
  await page.goto(linkIn(confirmation.text!, "subscribe/confirm"));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Your subscription is confirmed.")).toBeVisible();

  await page.goto("/subscribe");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const manage = await inbox(email, /^Manage your subscription/);
  await page.goto(linkIn(manage.text!, "manage"));
  await expect(page.getByRole("heading", { name: /subscription$/ })).toBeVisible();
});

test("the sign-up form explains a wrong address", async ({ page }) => {
  await page.goto("/subscribe");
  await page.getByLabel("Email address").fill("not-an-address");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByLabel("Email address")).toBeFocused();
});

test("the subscribe page offers the maintenance calendar and the feeds", async ({ page, request }) => {
  await page.goto("/subscribe");
  const other = page.getByRole("region", { name: "Other ways to follow" });
  const calendar = other.getByRole("link", { name: "the maintenance calendar (.ics)" });
  expect(await calendar.getAttribute("href")).toBe("/maintenances.ics");
  expect((await request.get("/maintenances.ics")).headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  for (const name of ["Atom", "RSS"]) {
    const href = await other.getByRole("link", { name, exact: true }).getAttribute("href");
    expect((await request.get(href!)).status()).toBe(200);
  }
});

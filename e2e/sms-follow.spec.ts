// Following one incident by SMS and managing an SMS subscription on the web, without JavaScript: codes are
// read where they arrive (the fake Twilio server), the follow ends with the incident's resolution, and the
// manage page unsubscribes the number.
import { eq, like } from "drizzle-orm";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { SYSTEM } from "@/core/actor";
import { components, rateLimits, subscribers } from "@/db/schema";
import { upsertPendingSmsSubscriber } from "@/db/writes/sms";
import { confirmSubscriber } from "@/db/writes/subscribers";
import { addIncidentUpdate, createIncident } from "@/services/incidents/incident-verbs";
import type { RecordedSms } from "@/services/testing/fake-twilio";
import { expect, test } from "./notification-fixtures";

test.use({ javaScriptEnabled: false });

async function messagesTo(phone: string): Promise<RecordedSms[]> {
  const res = await fetch(`${process.env.E2E_FAKE_TWILIO_URL}/_test/messages`);
  return ((await res.json()) as { data: RecordedSms[] }).data.filter((m) => m.to === phone);
}
async function codeSentTo(phone: string): Promise<string> {
  let code = "";
  await expect
    // The six digits, in whatever language the text is written ("… is 123456.", "… ist 123456.").
    .poll(async () => (code = (await messagesTo(phone)).at(-1)?.body.match(/(?<!\d)(\d{6})(?!\d)/)?.[1] ?? ""), {
      timeout: 20_000,
    })
    .toMatch(/^\d{6}$/);
  return code;
}
/** Phone width and desktop, dark. */
async function shots(page: Page, snapshot: (p: Page, n: string) => Promise<void>, name: string) {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 375, height: 800 });
  await snapshot(page, `${name}-375-dark`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await snapshot(page, `${name}-desktop-dark`);
  await page.emulateMedia({ colorScheme: "light" });
}

test.beforeEach(({ db }) => {
  db.delete(rateLimits).where(like(rateLimits.key, "sms:%")).run();
});

test("follow one incident by SMS without JavaScript; the texts stop after its resolution", async ({
  page,
  db,
  unique,
  snapshot,
  request,
}) => {
  test.slow();
  const phone = `+4917${String(Date.now()).slice(-8)}`;
  const service = db.select().from(components).get()!;
  const name = unique("Printers slow");
  const { id } = createIncident(db, SYSTEM, {
    name,
    message: "Jobs wait in the queue.",
    componentStatuses: { [service.id]: "degraded_performance" },
  });
  await page.goto(`/incidents/${id}`);
  const form = page.getByRole("region", { name: "Get updates on this incident by SMS" });
  await form.getByLabel("Mobile number").fill(phone);
  await shots(page, snapshot, "sms-follow-form");
  await form.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("heading", { name: "Enter the code we sent you" })).toBeVisible();
  await page.getByLabel("Code").fill(await codeSentTo(phone));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Your number is confirmed" })).toBeVisible();

  addIncidentUpdate(db, SYSTEM, id, { status: "identified", message: "A stuck print spooler." });
  await expect
    .poll(async () => (await messagesTo(phone)).map((m) => m.body).join("\n"), { timeout: 20_000 })
    .toContain("A stuck print spooler.");
  const update = (await messagesTo(phone)).at(-1)!.body;
  // The short link at its end leads to the incident page.
  const link = new URL(update.split(" ").at(-1)!);
  expect(link.pathname).toBe(`/i/${id}`);
  const short = await request.get(link.pathname, { maxRedirects: 0 });
  expect(short.status()).toBe(302);
  expect(short.headers()["location"]).toBe(`/incidents/${id}`);

  addIncidentUpdate(db, SYSTEM, id, { status: "resolved", message: "Spooler restarted." });
  await expect
    .poll(async () => (await messagesTo(phone)).at(-1)?.body ?? "", { timeout: 20_000 })
    .toContain("Spooler restarted.");
  // The follow ends once that last text is out: the number is unsubscribed and gets nothing more.
  const state = () =>
    db.select({ state: subscribers.state }).from(subscribers).where(eq(subscribers.phone, phone)).get()?.state;
  await expect.poll(state, { timeout: 20_000 }).toBe("unsubscribed");
  expect(await messagesTo(phone)).toHaveLength(3);
});

test("manage an SMS subscription on the web without JavaScript and unsubscribe", async ({ page, db, snapshot }) => {
  test.slow();
  const phone = `+4916${String(Date.now()).slice(-8)}`;
  const pageId = db.select({ id: components.pageId }).from(components).get()!.id;
  const now = Date.now();
  const id = upsertPendingSmsSubscriber(db, pageId, null, {
    phone,
    componentIds: [],
    allImpacts: false,
    codeHash: "not-used",
    at: now,
    expiresAt: now + 600_000,
  });
  confirmSubscriber(db, id, now);

  await page.goto("/manage/sms");
  await expect(page.getByRole("heading", { name: "Manage your SMS updates" })).toBeVisible();
  await page.getByLabel("Mobile number").fill(phone);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("heading", { name: "Enter the code we sent you" })).toBeVisible();
  await page.getByLabel("Code").fill(await codeSentTo(phone));
  await page.getByRole("button", { name: "Open my settings" }).click();
  await expect(page.getByRole("heading", { name: "Your SMS updates" })).toBeVisible();
  await expect(page.getByLabel("Everything")).toBeChecked();
  await shots(page, snapshot, "sms-manage-settings");
  await page.getByRole("button", { name: "Unsubscribe this number" }).click();
  await expect(page.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  expect(db.select().from(subscribers).where(eq(subscribers.id, id)).get()!.state).toBe("unsubscribed");
});

test("follow by SMS from the German incident page: German words and errors, and the texts link to German pages", async ({
  page,
  db,
  unique,
  snapshot,
  request,
}) => {
  test.slow();
  const phone = `+4915${String(Date.now()).slice(-8)}`;
  const service = db.select().from(components).get()!;
  const { id } = createIncident(db, SYSTEM, {
    name: unique("Drucker langsam"),
    message: "Aufträge warten.",
    componentStatuses: { [service.id]: "degraded_performance" },
  });
  await page.goto(`/de/incidents/${id}`);
  const form = page.getByRole("region", { name: "Updates zu diesem Vorfall per SMS" });
  await form.getByLabel("Handynummer").fill("0170 1234567");
  await form.getByRole("button", { name: "Code senden" }).click();
  await expect(page).toHaveURL(new RegExp(`/de/incidents/${id}/follow/sms$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.locator("#phone-error")).toHaveText(
    "Geben Sie die Nummer im internationalen Format ein, beginnend mit + und der Ländervorwahl, etwa +49 170 1234567.",
  );
  await expect(page.locator("details.languages summary")).toHaveText("Sprache: Deutsch");
  await shots(page, snapshot, "sms-follow-error-de");
  await page.getByLabel("Handynummer").fill(phone);
  await page.getByRole("button", { name: "Code senden" }).click();
  await expect(
    page.getByRole("heading", { name: "Geben Sie den Code ein, den wir Ihnen geschickt haben" }),
  ).toBeVisible();
  await page.getByLabel("Code").fill(await codeSentTo(phone));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "Ihre Nummer ist bestätigt" })).toBeVisible();

  addIncidentUpdate(db, SYSTEM, id, { status: "identified", message: "Ein hängender Druckdienst." });
  await expect
    .poll(async () => (await messagesTo(phone)).map((m) => m.body).join("\n"), { timeout: 20_000 })
    .toContain("Ein hängender Druckdienst.");
  const link = new URL((await messagesTo(phone)).at(-1)!.body.split(" ").at(-1)!);
  expect(link.pathname).toBe(`/de/i/${id}`);
  const short = await request.get(link.pathname, { maxRedirects: 0 });
  expect(short.status()).toBe(302);
  expect(short.headers()["location"]).toBe(`/de/incidents/${id}`);
});

test("the SMS manage pages in Arabic and German: lang, dir, hreflang, the language menu, errors, axe-clean", async ({
  browser,
  baseURL,
  snapshot,
}) => {
  test.slow();
  // axe is a script: this context runs JavaScript (the pages themselves need none).
  const context = await browser.newContext({ baseURL, javaScriptEnabled: true, colorScheme: "dark" });
  const page = await context.newPage();
  const axe = async () =>
    (await new AxeBuilder({ page }).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  await page.goto("/ar/manage/sms");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("إدارة رسائلك القصيرة");
  await expect(page.locator('link[rel="alternate"][hreflang="de"]')).toHaveAttribute("href", "/de/manage/sms");
  await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", "/manage/sms");
  expect(await axe()).toEqual([]);
  await shots(page, snapshot, "sms-manage-ar");
  await page.getByLabel("رقم الجوال").fill("72345");
  await page.getByRole("button", { name: "أرسل لي رمزًا" }).click();
  await expect(page.locator("#phone-error")).toContainText("يبدو هذا رمزًا قصيرًا");
  await expect(page).toHaveURL(/\/ar\/manage\/sms$/);
  expect(await axe()).toEqual([]);
  await shots(page, snapshot, "sms-manage-error-ar");
  // The language menu (plain links) leads to the same page in German.
  await page.locator("details.languages summary").click();
  await page.getByRole("link", { name: "Deutsch" }).click();
  await expect(page).toHaveURL(/\/de\/manage\/sms$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SMS-Updates verwalten");
  expect(await axe()).toEqual([]);
  await shots(page, snapshot, "sms-manage-de");
  await context.close();
});

// The public forms and subscription pages: they work without JavaScript, keep what was typed after an error,
// say what state a subscription is in, answer bad links with 404 or 410, and always lead back to the page.
import { eq } from "drizzle-orm";
import { subscribedComponentIds } from "@/db/queries/subscribers";
import { subscribers } from "@/db/schema";
import { expect, test } from "./layout-fixtures";
import type { RecordedEmail } from "@/services/testing/fake-resend";

const linkIn = (text: string, path: string) => text.match(new RegExp(`https?://[^\\s>\\]]+/${path}/[^\\s>\\]]+`))![0];

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("subscribes to chosen services, confirms and gets exactly that scope", async ({
    page,
    db,
    makeService,
    unique,
    snapshot,
  }) => {
    const wanted = unique("Wiki");
    const other = unique("Chat");
    const wantedId = makeService(wanted);
    makeService(other);
    const email = `${unique("nojs").replace(/\W+/g, "-").toLowerCase()}@example.com`;

    await page.goto("/subscribe");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Only the services I choose").check();
    await expect(page.getByLabel(wanted, { exact: true })).toBeVisible();
    await page.getByLabel(wanted, { exact: true }).check();
    await snapshot(page, "subscribe-nojs-chosen");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

    const fakeResend = process.env.E2E_FAKE_RESEND_URL!;
    let mail: RecordedEmail | undefined;
    await expect
      .poll(
        async () => {
          const { data } = (await (await fetch(`${fakeResend}/_test/emails`)).json()) as { data: RecordedEmail[] };
          mail = data.find((e) => e.to.includes(email));
          return Boolean(mail);
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await page.goto(linkIn(mail!.text!, "subscribe/confirm"));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("Your subscription is confirmed.")).toBeVisible();
    await expect(page.getByLabel(wanted, { exact: true })).toBeChecked();
    await expect(page.getByLabel(other, { exact: true })).not.toBeChecked();

    const row = db.select().from(subscribers).where(eq(subscribers.email, email)).get()!;
    expect(row.state).toBe("active");
    expect(row.allComponents).toBe(false);
    expect(subscribedComponentIds(db, row.id)).toEqual([wantedId]);
  });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`keeps what was typed (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("the email sign-up", async ({ page, makeService, unique }) => {
      const service = unique("Printing");
      makeService(service);
      await page.goto("/subscribe");
      await page.getByLabel("Email address").fill("not-an-address");
      await page.getByLabel("Only the services I choose").check();
      await page.getByLabel(service, { exact: true }).check();
      await page.getByRole("button", { name: "Subscribe" }).click();
      await expect(page.getByText("Enter a valid email address")).toBeVisible();
      await expect(page.getByLabel("Email address")).toHaveValue("not-an-address");
      await expect(page.getByLabel("Only the services I choose")).toBeChecked();
      await expect(page.getByLabel(service, { exact: true })).toBeChecked();
    });

    test("the webhook sign-up", async ({ page, makeService, unique }) => {
      const service = unique("Scanning");
      makeService(service);
      await page.goto("/subscribe?via=webhook");
      // Refused for its scheme before any name is resolved.
      await page.getByLabel("Webhook URL").fill("ftp://hooks.example.org/status");
      await page.getByLabel("Your email (optional)").fill("ops@example.org");
      await page.getByLabel("Only the services I choose").check();
      await page.getByLabel(service, { exact: true }).check();
      await page.getByRole("button", { name: "Register webhook" }).click();
      await expect(page.locator("#url-error")).not.toBeEmpty();
      await expect(page.getByLabel("Webhook URL")).toHaveValue("ftp://hooks.example.org/status");
      await expect(page.getByLabel("Your email (optional)")).toHaveValue("ops@example.org");
      await expect(page.getByLabel("Only the services I choose")).toBeChecked();
      await expect(page.getByLabel(service, { exact: true })).toBeChecked();
    });

    test("the manage form", async ({ page, makeService, makeSubscriber, unique }) => {
      const service = unique("Backups");
      makeService(service);
      const s = makeSubscriber();
      await page.goto(`/manage/${s.manage}`);
      await page.getByLabel("Only the services I choose").check();
      await page.getByRole("button", { name: "Save choices" }).click();
      await expect(page.getByText("Choose at least one service, or everything.")).toBeVisible();
      await expect(page.getByLabel("Only the services I choose")).toBeChecked();
    });
  });
}

test("the manage page says what state the subscription is in, and only what is true now", async ({
  page,
  makeSubscriber,
  snapshot,
}) => {
  const paused = makeSubscriber({ paused: true });
  await page.goto(`/manage/${paused.manage}`);
  await expect(page.getByText(/Notifications are paused/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Resume notifications" })).toBeVisible();
  await snapshot(page, "manage-paused");

  // An old "confirmed" link opened after unsubscribing: no "confirmed" above "you do not receive notifications".
  const gone = makeSubscriber();
  await page.goto(`/manage/${gone.manage}`);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText("You do not receive notifications.")).toBeVisible();
  await page.goto(`/manage/${gone.manage}?confirmed=1`);
  await expect(page.getByText("You do not receive notifications.")).toBeVisible();
  await expect(page.getByText("Your subscription is confirmed.")).toHaveCount(0);
});

test("confirmation links: unknown 404, used or expired 410, each with a way back", async ({
  page,
  db,
  request,
  makePendingSignUp,
}) => {
  expect((await request.get("/subscribe/confirm/nosuchtoken")).status()).toBe(404);
  const used = makePendingSignUp();
  await page.goto(`/subscribe/confirm/${used.confirm}`);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Your subscription is confirmed.")).toBeVisible();
  const again = await page.goto(`/subscribe/confirm/${used.confirm}`);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole("link", { name: /Back to/ })).toHaveAttribute("href", "/");

  // A manage link that is not (or no longer) valid is a 404 too, with the same way back.
  const manage = await request.get("/manage/abcdefghijkl.notavalidsignature000000000000000");
  expect(manage.status()).toBe(404);
  expect(await manage.text()).toContain("This link is not valid");

  const expired = makePendingSignUp();
  db.update(subscribers)
    .set({ confirmationExpiresAt: Date.now() - 1000 })
    .where(eq(subscribers.id, expired.id))
    .run();
  expect((await request.get(`/subscribe/confirm/${expired.confirm}`)).status()).toBe(410);
});

test.describe("every subscription page leads back to the status page", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`in ${colorScheme} mode, with the page's look`, async ({
      page,
      makeSubscriber,
      makePendingSignUp,
      snapshot,
    }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto("/");
      const homeBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const homeColor = await page.evaluate(() => getComputedStyle(document.body).color);
      const s = makeSubscriber();
      const pending = makePendingSignUp();
      for (const path of [
        "/subscribe",
        "/subscribe?via=webhook",
        `/manage/${s.manage}`,
        `/subscribe/confirm/${pending.confirm}`,
        `/unsubscribe/${s.unsubscribe}`,
      ]) {
        await page.goto(path);
        await expect(page.getByRole("main")).toHaveCount(1);
        await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
        const home = page.getByRole("banner").getByRole("link").first();
        await expect(home, path).toHaveAttribute("href", "/");
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), path).toBe(homeBackground);
        expect(await page.evaluate(() => getComputedStyle(document.body).color), path).toBe(homeColor);
      }
      await snapshot(page, `unsubscribe-${colorScheme}`);
    });
  }
});

// Managing subscribers in the console: add by hand (with a real confirmation email), search, import a CSV
// (preview, an error, the fix, the import), export, remove; and the screens on a phone in dark mode.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { insertComponent } from "@/db/writes/components";
import { getEmailSubscriberByAddress } from "@/db/queries/subscribers";
import { parseCsv } from "@/services/subscriptions/csv";
import { formStatus } from "./fixtures";
import { expect, test } from "./notification-fixtures";

test.describe("subscribers in the console", () => {
  test.use({ signedInAs: "owner" });

  test("add by hand, search, import a CSV, export and remove", async ({
    page,
    db,
    pageId,
    unique,
    inbox,
    snapshot,
  }) => {
    // One long flow through five screens and a real email: more than the default on a busy machine.
    test.setTimeout(120_000);
    const tag = unique("subs")
      .replace(/[^a-z0-9]+/gi, "-")
      .toLowerCase();
    const service = unique("Door badges");
    insertComponent(db, { pageId, name: service, at: Date.now(), actor: { source: "manual" } });
    const sam = `sam-${tag}@example.com`;
    const pat = `pat-${tag}@example.com`;

    // By hand, with a confirmation email.
    await page.goto("/admin/subscribers");
    await page.getByRole("link", { name: "Add a subscriber" }).click();
    await page.getByLabel("Email address").fill("not an address");
    await page.getByRole("button", { name: "Add subscriber" }).click();
    await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
    await expect(page.getByLabel("Email address")).toBeFocused();
    await page.getByLabel("Email address").fill(sam);
    await page.getByLabel("Only the services chosen below").check();
    await page.getByLabel(service).check();
    await page.getByLabel("Send a confirmation email").check();
    // Their language: the page's default is preselected; German here, so the confirmation email is German.
    await expect(page.getByLabel("Language")).toHaveValue("en");
    await page.getByLabel("Language").selectOption({ label: "Deutsch" });
    await page.getByRole("button", { name: "Add subscriber" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Subscriber added: a confirmation email is on its way." }),
    ).toBeVisible();
    await inbox(sam, /^Bestätigen Sie Ihr Abonnement/);
    expect(getEmailSubscriberByAddress(db, pageId, sam)?.language).toBe("de");

    // The same address again: refused, nothing changed.
    await page.getByRole("link", { name: "Add a subscriber" }).click();
    await page.getByLabel("Email address").fill(sam.toUpperCase());
    await page.getByLabel("They already agreed: add them as active").check();
    await page.getByRole("button", { name: "Add subscriber" }).click();
    await expect(page.getByText("This address is already on the list (pending); nothing was changed.")).toBeVisible();
    expect(getEmailSubscriberByAddress(db, pageId, sam)?.state).toBe("pending");

    // Search.
    await page.goto("/admin/subscribers");
    await page.getByLabel("Email contains").fill(`sam-${tag}`);
    await page.getByRole("button", { name: "Filter" }).click();
    const list = page.getByRole("list", { name: "Subscribers" });
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list.getByRole("listitem").first()).toContainText(sam);
    await expect(list.getByRole("listitem").first()).toContainText(service);
    await expect(list.getByRole("listitem").first()).toContainText("Pending confirmation");
    await expect(list.getByRole("listitem").first()).toContainText("Deutsch");

    // Import: a file with an error is refused line by line; the fixed one imports.
    await page.goto("/admin/subscribers/import");
    const broken = `email,components\n${pat}\nnot-an-address\n${sam}\nkim-${tag}@example.com,No such service\n`;
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(broken) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(formStatus(page)).toContainText("2 lines have errors");
    await expect(page.getByText(/Line 3:.*valid email address/)).toBeVisible();
    await expect(page.getByText(`Line 5: Components: no service or group is called "No such service"`)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
    await snapshot(page, "console-subscribers-import-errors");

    const fixed = `email,components\n${pat}\n${sam}\nkim-${tag}@example.com,"${service}"\n${pat.toUpperCase()}\n`;
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(formStatus(page)).toContainText("Ready to import 2 addresses");
    await expect(page.getByText(`Line 3: ${sam}: already on the list (pending); left as it is`)).toBeVisible();
    await expect(page.getByText(`Line 5: ${pat}: same address as line 2; merged into it`)).toBeVisible();
    await page.getByRole("button", { name: "Import 2 subscribers" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported 2 subscribers." })).toBeVisible();
    expect(getEmailSubscriberByAddress(db, pageId, pat)).toMatchObject({ state: "active", origin: "import" });

    // Export what the filter shows.
    await page.getByLabel("Email contains").fill(tag);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(list.getByRole("listitem")).toHaveCount(3);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export these as CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^subscribers-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(fs.readFileSync((await download.path())!, "utf8")).map((r) => r.cells);
    expect(rows[0]).toEqual(["email", "state", "scope", "created", "confirmed"]);
    expect(
      rows
        .slice(1)
        .map((r) => [r[0], r[1], r[2]])
        .sort(),
    ).toEqual(
      [
        [`kim-${tag}@example.com`, "active", service],
        [pat, "active", "everything"],
        [sam, "pending", service],
      ].sort(),
    );

    // Remove, after a confirmation page.
    await page.getByRole("link", { name: `Remove ${pat}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Remove ${pat}?` })).toBeVisible();
    await page.getByRole("button", { name: "Remove subscriber" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Subscriber removed." })).toBeVisible();
    expect(getEmailSubscriberByAddress(db, pageId, pat)).toBeUndefined();
  });

  test("an editor is not shown subscribers and cannot download them", async ({ browser, createMember, baseURL }) => {
    const editor = createMember("editor");
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(editor.email);
    await page.getByLabel("Password").fill(editor.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/, { timeout: 15_000 });
    await expect(page.getByRole("link", { name: "Subscribers" })).toHaveCount(0);
    expect((await page.goto("/admin/subscribers"))?.status()).toBe(403);
    const response = await page.request.get(`${baseURL}/admin/subscribers/export.csv`);
    expect(response.status()).toBe(403);
    await context.close();
  });
});

test.describe("the subscriber screens on a phone in dark mode", () => {
  test.use({ signedInAs: "owner", viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  for (const path of ["/admin/subscribers", "/admin/subscribers/new", "/admin/subscribers/import"]) {
    test(`${path} fits the screen and passes axe`, async ({ page, snapshot }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (path.endsWith("/new")) await page.getByLabel("Only the services chosen below").check();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await snapshot(page, `console-${path.replace("/admin/", "").replaceAll("/", "-")}-phone-dark`);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
        [],
      );
    });
  }
});

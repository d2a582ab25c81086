// The console's Markdown preview is the public page's rendering (headings are headings, pictures are links),
// and Publish publishes the postmortem that is in the box without a saved draft.
import { eq } from "drizzle-orm";
import { incidents } from "@/db/schema";
import { expect, expectPublic, test } from "./public-fixtures";
import { formStatus } from "./fixtures";

const SLOW = { timeout: 30_000 };

test.describe("Markdown in the console", () => {
  test.use({ signedInAs: "editor" });

  test("the preview shows exactly what the incident page shows", async ({ page, db, unique }) => {
    const name = unique("Preview check");
    // A loopback picture address: were it ever rendered as an image, the browser would only knock on 127.0.0.1.
    const source = "## What happened\n\nThe **VPN** dropped. ![pixel](http://127.0.0.1:9/pixel.png)\n\n- one\n- two";
    await page.goto("/admin/incidents/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Message").fill(source);
    const preview = page.getByRole("group", { name: "Preview" });
    const heading = preview.getByRole("heading", { name: "What happened" });
    await expect(heading).toBeVisible();
    // `##` must look like a heading, as on the page, not like the text around it.
    expect(Number(await heading.evaluate((el) => getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(600);
    await expect(preview.getByText("##")).toHaveCount(0);
    await expect(preview.locator("img")).toHaveCount(0);
    await expect(preview.getByRole("link", { name: "pixel" })).toHaveAttribute("href", "http://127.0.0.1:9/pixel.png");
    const previewHtml = await heading.locator("..").innerHTML();

    await page.getByLabel("Notify subscribers").uncheck();
    await page.getByRole("button", { name: "Declare incident" }).click();
    await expect(page).toHaveURL(/\/admin\/incidents\/[a-z0-9]{12}(\?|$)/, SLOW);
    const id = new URL(page.url()).pathname.split("/")[3];

    await expectPublic(page, `/incidents/${id}`, async () => {
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    });
    const body = page.locator(".prose-status").filter({ hasText: "The VPN dropped." });
    await expect(body).toHaveCount(1);
    expect(await body.innerHTML()).toBe(previewHtml);
    await expect(page.locator("main img[src*='pixel']")).toHaveCount(0);
    // An open incident would change the overall status the specs after this one read.
    db.delete(incidents).where(eq(incidents.id, id)).run();
  });

  test("Publish publishes the postmortem in the box without a saved draft", async ({
    page,
    unique,
    makeService,
    makeIncident,
  }) => {
    const name = unique("Postmortem straight away");
    const id = makeIncident({
      name,
      startedAt: Date.now() - 3 * 60 * 60 * 1000,
      componentIds: [makeService(unique("Printers"))],
      updates: [
        { status: "investigating", body: "Printing fails." },
        { status: "resolved", body: "Fixed." },
      ],
    });
    await page.goto(`/admin/incidents/${id}`);
    await page.getByRole("textbox", { name: "Postmortem" }).fill("## Root cause\nA spooler filled its disk.");
    // The postmortem comes first on a resolved incident; the update form's own box is folded away below.
    await page.getByLabel("Notify subscribers when publishing").uncheck();
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(formStatus(page).filter({ hasText: "Postmortem published." })).toBeVisible(SLOW);
    await expect(page.getByText("Write the postmortem first")).toHaveCount(0);
    await expectPublic(page, `/incidents/${id}`, async () => {
      await expect(page.getByRole("heading", { name: "Postmortem", exact: true })).toBeVisible();
      await expect(page.getByText("A spooler filled its disk.")).toBeVisible();
    });
  });
});

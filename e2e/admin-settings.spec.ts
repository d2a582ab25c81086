import { eq } from "drizzle-orm";
import { pages } from "@/db/schema";
import { expect, formStatus, test } from "./fixtures";

test.describe("page settings", () => {
  test.use({ signedInAs: "owner" });

  // These tests change the one page; they put back what they change.
  test("saves the time zone and about text, and refuses a zone that does not exist", async ({
    page,
    db,
    unique,
    snapshot,
  }) => {
    const before = db.select().from(pages).get()!;
    const about = unique("We run the campus network");
    try {
      await page.goto("/admin/settings");
      await page.getByLabel("Time zone").fill("Mars/Olympus_Mons");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByText("This is not a time zone we know.")).toBeVisible();
      await expect(page.getByLabel("Time zone")).toBeFocused();
      await expect(page.getByLabel("Time zone")).toHaveValue("Mars/Olympus_Mons");

      await page.getByLabel("Time zone").fill("America/New_York");
      await page.getByLabel("About this page (optional)").fill(about);
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(formStatus(page).first()).toHaveText("Settings saved. The public page shows them now.");
      expect(db.select().from(pages).get()).toMatchObject({ timeZone: "America/New_York", aboutText: about });
      await snapshot(page, "console-settings");
    } finally {
      db.update(pages)
        .set({ timeZone: before.timeZone, aboutText: before.aboutText })
        .where(eq(pages.id, before.id))
        .run();
    }
  });

  test("explains a logo that is too large, before and after upload", async ({ page, db }) => {
    const big = {
      name: "huge.png",
      mimeType: "image/png",
      buffer: Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(1_500_000)]),
    };
    await page.goto("/admin/settings");
    await page.getByLabel("Logo file").setInputFiles(big);
    await page.getByRole("button", { name: "Upload logo" }).click();
    expect(await page.getByLabel("Logo file").evaluate((input: HTMLInputElement) => input.validationMessage)).toBe(
      "This file is 1465 KB; the logo can be at most 512 KB.",
    );
    expect(db.select().from(pages).get()!.logoAssetId).toBeNull();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("a logo that is too large gets the size message from the server", async ({ page, db }) => {
      await page.goto("/admin/settings");
      await page.getByLabel("Logo file").setInputFiles({
        name: "huge.png",
        mimeType: "image/png",
        buffer: Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(1_500_000)]),
      });
      await page.getByRole("button", { name: "Upload logo" }).click();
      await expect(page.getByText(/the limit is 512 KB/)).toBeVisible();
      expect(db.select().from(pages).get()!.logoAssetId).toBeNull();
    });
  });

  test("uploads a logo served with safe headers, and refuses an SVG with a script", async ({ page, db, request }) => {
    await page.goto("/admin/settings");
    await page.getByLabel("Logo file").setInputFiles({
      name: "evil.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
    });
    await page.getByRole("button", { name: "Upload logo" }).click();
    await expect(page.getByText("This SVG contains an event handler")).toBeVisible();
    expect(db.select().from(pages).get()!.logoAssetId).toBeNull();

    await page.getByLabel("Logo file").setInputFiles({
      name: "logo.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#2563eb"/></svg>',
      ),
    });
    await page.getByRole("button", { name: "Upload logo" }).click();
    await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();
    const id = db.select().from(pages).get()!.logoAssetId!;
    const response = await request.get(`/assets/${id}`);
    expect(response.headers()).toMatchObject({
      "content-type": "image/svg+xml",
      "x-content-type-options": "nosniff",
      "content-security-policy": expect.stringContaining("sandbox"),
    });

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Remove logo" }).click();
    await expect(page.getByText("No logo yet")).toBeVisible();
    expect((await request.get(`/assets/${id}`)).status()).toBe(404);
  });
});

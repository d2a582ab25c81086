// What the console says and how it reads: success notices that carry a code (never text from the URL) and
// leave the address bar once shown, the recurring form's defaults, resolving without typing a message, one
// time format that names the zone, impact colours, the console's favicon and invitation link statuses.
import { randomBytes } from "node:crypto";
import { hashToken } from "@/services/auth/tokens";
import { insertInvitation, markInvitationAccepted } from "@/db/writes/team";
import { expect, test } from "./public-fixtures";

const SLOW = { timeout: 30_000 };
/** "1 Dec 2026, 14:05 UTC": day, month, year, 24-hour time and the zone's name. */
const ZONED_TIME = /\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (UTC|GMT[+\u2212][\d:]+|[A-Z]{3,5})\b/;

test.describe("the console's notices and wording", () => {
  test.use({ signedInAs: "owner" });

  test("a success notice shows only allow-listed text, once, and leaves the address bar", async ({ page }) => {
    const hostile = "Your session expired. Sign in again at https://evil.example/login";
    await page.goto(`/admin/services?done=${encodeURIComponent(hostile)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
    await expect(page.getByText(hostile)).toHaveCount(0);
    await expect(page.getByText("evil.example")).toHaveCount(0);

    await page.goto("/admin/services?done=service-deleted");
    await expect(page.getByRole("status").filter({ hasText: "Service deleted." })).toBeVisible();
    // Once shown, the code leaves the URL: a reload or a shared link does not announce it again.
    await expect(page).toHaveURL(/\/admin\/services$/);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
    await expect(page.getByText("Service deleted.")).toHaveCount(0);
  });

  test("the recurring form ticks no day and shows only the chosen repetition's fields", async ({ page }) => {
    await page.goto("/admin/maintenance/recurring/new");
    for (const day of ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]) {
      await expect(page.getByLabel(day, { exact: true })).not.toBeChecked();
    }
    await expect(page.getByLabel("Repeats")).toHaveValue("weekly");
    await expect(page.getByLabel("Which")).toBeHidden();
    await expect(page.getByLabel("Monthly, on day")).toBeHidden();
    await page.getByLabel("Repeats").selectOption("monthly_day");
    await expect(page.getByLabel("Monthly, on day")).toBeVisible();
    await expect(page.getByLabel("Wednesday", { exact: true })).toBeHidden();
    await expect(page.getByLabel("Which")).toBeHidden();
    await page.getByLabel("Repeats").selectOption("monthly_weekday");
    await expect(page.getByLabel("Which")).toBeVisible();
    await expect(page.getByLabel("Monthly, on day")).toBeHidden();
    await page.getByLabel("Repeats").selectOption("daily");
    await expect(page.getByLabel("Every how many weeks (or days)")).toBeVisible();
    await expect(page.getByLabel("Wednesday", { exact: true })).toBeHidden();
  });

  test("resolving needs no typed message; a resolved incident shows its postmortem first; times name the zone; impact has a colour", async ({
    page,
    makeService,
    makeIncident,
    unique,
  }) => {
    test.setTimeout(90_000);
    const id = makeIncident({
      name: unique("Resolve me"),
      componentIds: [makeService(unique("Resolve Service"))],
      updates: [{ status: "investigating", body: "Looking.", set: "major_outage" }],
    });
    await page.goto(`/admin/incidents/${id}`);
    await expect(page.getByText(ZONED_TIME).first()).toBeVisible();
    const pill = page.getByText("Critical impact", { exact: true });
    await expect(pill).toBeVisible();
    // Red text, not grey: the channels of a grey are close together (colours are oklch, so read them back as sRGB).
    const [r, g, b] = await pill.evaluate((el) => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.fillStyle = getComputedStyle(el).color;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    });
    expect(r - Math.max(g, b)).toBeGreaterThan(60);

    await page.getByLabel("Status").selectOption("resolved");
    await page.getByRole("button", { name: "Post update" }).click();
    // The timeline shows it; the folded update form may hold a hidden copy, so only the visible one counts.
    await expect(
      page.getByText("This incident has been resolved.", { exact: true }).filter({ visible: true }),
    ).toBeVisible(SLOW);

    await page.reload();
    const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings.indexOf("Postmortem")).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf("Postmortem")).toBeLessThan(headings.indexOf("Timeline"));
    // The update form waits behind a disclosure.
    await expect(page.getByRole("button", { name: "Post update" })).toBeHidden();
    await page.getByText("Reopen or add an update").click();
    await expect(page.getByRole("button", { name: "Post update" })).toBeVisible();

    // One answer at a time: after publishing, "draft saved" is gone.
    await page.getByRole("textbox", { name: "Postmortem" }).fill("What happened, and what we changed.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Postmortem draft saved.")).toBeVisible(SLOW);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByText("Postmortem published.")).toBeVisible(SLOW);
    await expect(page.getByText("Postmortem draft saved.")).toHaveCount(0);
  });

  test("a count of one reads in the singular", async ({ page, makeService, makeIncident, unique }) => {
    const start = Date.now() + 24 * 60 * 60_000;
    const id = makeIncident({
      name: unique("One minute notice"),
      kind: "maintenance",
      startedAt: start,
      componentIds: [makeService(unique("Reminder Service"))],
      maintenance: {
        scheduledFor: start,
        scheduledUntil: start + 60 * 60_000,
        autoStart: false,
        autoComplete: false,
        remindBeforeMinutes: 1,
        setComponentsUnderMaintenance: true,
      },
      updates: [{ status: "scheduled", body: "Replacing a switch." }],
    });
    await page.goto(`/admin/maintenance/${id}`);
    await expect(page.getByText("reminder 1 minute before")).toBeVisible();
    await expect(page.getByText("1 minutes")).toHaveCount(0);
  });

  test("console lists name the zone in one format", async ({ page }) => {
    for (const path of ["/admin/team", "/admin/audit", "/admin/api-keys", "/admin/subscribers", "/admin/mail"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const text = await page.locator("main").innerText();
      expect(text, path).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    }
    await page.goto("/admin/audit");
    await expect(page.locator("main").getByText(ZONED_TIME).first()).toBeVisible();
  });

  test("the console and the sign-in page have a favicon", async ({ page, browser }) => {
    await page.goto("/admin");
    await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
    const guest = await browser.newContext();
    const signedOut = await guest.newPage();
    await signedOut.goto("/login");
    const href = await signedOut.locator('link[rel="icon"]').getAttribute("href");
    expect(href).toBeTruthy();
    expect((await signedOut.request.get(href!)).status()).toBe(200);
    await guest.close();
  });
});

test("invitation links answer 404 when unknown and 410 when used or expired", async ({ request, db }) => {
  const now = Date.now();
  const make = (expiresAt: number) => {
    const token = randomBytes(32).toString("base64url");
    const id = insertInvitation(db, {
      email: `invite-${token.slice(0, 8).toLowerCase()}@example.com`,
      role: "editor",
      tokenHash: hashToken(token),
      invitedBy: null,
      expiresAt,
      at: now,
    });
    return { token, id };
  };
  expect((await request.get(`/invite/${randomBytes(32).toString("base64url")}`)).status()).toBe(404);
  const expired = make(now - 1000);
  expect((await request.get(`/invite/${expired.token}`)).status()).toBe(410);
  const used = make(now + 60_000);
  markInvitationAccepted(db, used.id, now);
  const usedPage = await request.get(`/invite/${used.token}`);
  expect(usedPage.status()).toBe(410);
  expect(await usedPage.text()).toContain("no longer valid");
  const open = make(now + 60_000);
  expect((await request.get(`/invite/${open.token}`)).status()).toBe(200);
});

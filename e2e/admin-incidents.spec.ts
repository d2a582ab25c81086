import { expect, expectPublic, test } from "./public-fixtures";
import { formStatus } from "./fixtures";

const SLOW = { timeout: 30_000 };

test.describe("running an incident from the console", () => {
  test.use({ signedInAs: "editor" });

  test("declare, update, resolve, write and publish a postmortem; the public page follows each step", async ({
    page,
    makeService,
    unique,
    snapshot,
  }) => {
    test.setTimeout(180_000);
    const service = unique("Door Badges");
    const serviceId = makeService(service);
    const name = unique("Badge readers offline");
    const row = () => page.locator(`[data-component="${serviceId}"]`);
    const card = () =>
      page.getByRole("region", { name: "Active incidents" }).getByRole("article").filter({ hasText: name });

    // Save a template, then declare from it: the form arrives filled in.
    const template = unique("Badge template");
    await page.goto("/admin/incidents");
    await page.getByRole("link", { name: "Templates" }).click();
    await expect(page.getByRole("heading", { name: "Fix applied, monitoring" })).toBeVisible(); // a shipped default
    await page.getByRole("link", { name: "New template" }).click();
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByText("Enter a name.")).toBeVisible(SLOW);
    await page.getByLabel("Template name").fill(template);
    await page.getByLabel("Incident title").fill(name);
    await page.getByLabel("Message").fill("Badges do not open the **front door**.");
    await page.getByRole("checkbox", { name: service }).check();
    await page.getByLabel("Preselected services’ status").selectOption("major_outage");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Template saved." })).toBeVisible(SLOW);
    await page.getByRole("link", { name: `Declare an incident from ${template}` }).click();
    await expect(page.getByText(`Filled in from the template “${template}”`)).toBeVisible(SLOW);
    await expect(page.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByLabel(new RegExp(`^${service}`))).toHaveValue("major_outage");
    await expect(page.getByRole("group", { name: "Preview" }).locator("strong")).toHaveText("front door");

    await page.getByLabel("Name").fill("");
    await page.getByRole("button", { name: "Declare incident" }).click();
    await expect(page.getByText("Enter a name.")).toBeVisible(SLOW);
    await expect(page.getByLabel("Name")).toBeFocused();
    await expect(page.getByLabel(new RegExp(`^${service}`))).toHaveValue("major_outage");
    await page.getByLabel("Name").fill(name);
    await expect(page.getByLabel("Notify subscribers")).toBeChecked();
    await snapshot(page, "console-incident-new-1280");
    await page.getByRole("button", { name: "Declare incident" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible(SLOW);
    await expect(page.getByRole("status").filter({ hasText: "Incident declared." })).toBeVisible();
    const id = page.url().split("/admin/incidents/")[1].split("?")[0];

    await expectPublic(page, "/", async () => {
      await expect(page.getByRole("heading", { level: 2, name: "Major System Outage" })).toBeVisible();
      await expect(card().getByText("Investigating", { exact: true })).toBeVisible();
      await expect(card().getByText("front door")).toBeVisible();
      await expect(row()).toContainText("Major outage");
    });

    await page.goto(`/admin/incidents/${id}`);
    await expect(page.getByRole("link", { name: "Delete this update" })).toHaveCount(0); // editors cannot delete
    await page.getByLabel("Status", { exact: true }).selectOption("identified");
    await page.getByLabel("Message").fill("A failed controller; replacing it.");
    await page.getByLabel(new RegExp(`^${service}`)).selectOption("partial_outage");
    await page.getByRole("button", { name: "Post update" }).click();
    await expect(formStatus(page).first()).toHaveText("Update posted.", SLOW);
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("identified");
    await expectPublic(page, "/", async () => {
      await expect(card().getByText("Identified", { exact: true })).toBeVisible();
      await expect(card().getByText("failed controller")).toBeVisible();
      await expect(row()).toContainText("Partial outage");
    });

    await page.goto(`/admin/incidents/${id}`);
    await page.getByLabel("Status", { exact: true }).selectOption("resolved");
    await expect(page.getByLabel("Set affected services back to operational")).toBeChecked();
    await page.getByLabel("Message").fill("The new controller works.");
    await page.getByRole("button", { name: "Post update" }).click();
    // Resolved: the postmortem now comes first (with its own form statuses); the update form keeps its answer.
    await expect(formStatus(page).filter({ hasText: "Update posted." })).toBeVisible(SLOW);
    await expect(page.getByRole("heading", { level: 2 }).first()).toHaveText("Postmortem");
    await expect(page.getByLabel("Reopen this incident")).not.toBeChecked();
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("investigating");
    await expect(page.getByLabel("Set affected services back to operational")).toHaveCount(0);
    await snapshot(page, "console-incident-resolved-1280");
    await expectPublic(page, "/", async () => {
      await expect(row()).toContainText("Operational");
      await expect(card()).toHaveCount(0);
    });
    await page.goto(`/incidents/${id}`);
    const updates = page.getByRole("region", { name: "Updates" }).getByRole("listitem");
    await expect(updates).toHaveCount(3);
    await expect(updates.nth(0)).toContainText("Resolved");

    await page.goto(`/admin/incidents/${id}`);
    await page.getByRole("textbox", { name: "Postmortem" }).fill("## Root cause\nA controller aged out.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Postmortem draft saved.")).toBeVisible(SLOW);
    await expectPublic(page, `/incidents/${id}`, async () => {
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Postmortem", exact: true })).toHaveCount(0);
    });
    await page.goto(`/admin/incidents/${id}`);
    await expect(page.getByLabel("Notify subscribers").last()).toBeChecked();
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByText("Postmortem published.")).toBeVisible(SLOW);
    await expectPublic(page, `/incidents/${id}`, async () => {
      await expect(page.getByRole("heading", { name: "Postmortem", exact: true })).toBeVisible();
      await expect(page.getByText("A controller aged out.")).toBeVisible();
    });

    await page.goto("/admin/incidents");
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("link", { name })).toBeVisible();
    await history.getByLabel("Name contains").fill(name.slice(-12));
    await history.getByLabel("Status").selectOption("postmortem");
    await history.getByRole("button", { name: "Search" }).click();
    await expect(history.getByRole("listitem")).toHaveCount(1, SLOW);
    await expect(history.getByRole("link", { name })).toBeVisible();
    await history.getByLabel("Status").selectOption("open");
    await history.getByRole("button", { name: "Search" }).click();
    await expect(history.getByText("No incidents match these filters.")).toBeVisible(SLOW);
  });

  test("console pages at phone width and in dark mode", async ({ page, makeService, unique, snapshot }) => {
    makeService(unique("Phones"));
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/admin/incidents/new");
    await expect(page.getByRole("heading", { level: 1, name: "Declare incident" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await snapshot(page, "console-incident-new-375");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/admin/incidents");
    await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
    await snapshot(page, "console-incidents-dark-1280");
  });
});

test.describe("the overview at 3 a.m.", () => {
  test.use({ signedInAs: "editor" });

  test("shows what is open and flags an incident quiet for longer than the nudge time", async ({
    page,
    makeIncident,
    unique,
  }) => {
    const quiet = unique("Printers jammed");
    const fresh = unique("Wi-Fi flaky");
    makeIncident({
      name: quiet,
      componentIds: [],
      startedAt: Date.now() - 3 * 60 * 60_000,
      updates: [{ status: "investigating", body: "Looking." }],
    });
    makeIncident({
      name: fresh,
      componentIds: [],
      startedAt: Date.now() - 60_000,
      updates: [{ status: "identified", body: "Found it." }],
    });
    await page.goto("/admin");
    const now = page.getByRole("region", { name: /^Right now:/ });
    await expect(now.getByRole("alert")).toContainText(/had no update for over 60 minutes/);
    await expect(now.getByRole("link", { name: quiet })).toBeVisible();
    await expect(now.getByRole("link", { name: fresh })).toBeVisible();
    await expect(now.getByRole("link", { name: "Declare incident" })).toBeVisible();
    await page.goto("/admin/incidents");
    const open = page.getByRole("region", { name: "Open" });
    await expect(open.getByRole("listitem").filter({ hasText: quiet })).toContainText(/No update for 1\d\d minutes/);
    await expect(open.getByRole("listitem").filter({ hasText: fresh })).not.toContainText("No update for");
  });
});

test.describe("correcting and deleting updates", () => {
  test.use({ signedInAs: "admin" });

  test("an admin corrects an update's text and deletes another after confirming; visitors see both", async ({
    page,
    makeService,
    makeIncident,
    unique,
  }) => {
    test.setTimeout(120_000);
    const name = unique("Projector fault");
    const id = makeIncident({
      name,
      componentIds: [makeService(unique("Projectors"))],
      updates: [
        { status: "investigating", body: "Projectors show no signal.", set: "partial_outage" },
        { status: "identified", body: "A typo'd update." },
        { status: "monitoring", body: "Posted by mistake." },
      ],
    });
    await page.goto(`/admin/incidents/${id}`);
    const entries = page
      .getByRole("region", { name: "Timeline" })
      .getByRole("listitem")
      .filter({ has: page.getByText("Correct the text") });
    await expect(entries).toHaveCount(3);

    const typo = entries.filter({ hasText: "A typo'd update." });
    await typo.getByText("Correct the text").click();
    await typo.getByLabel("Corrected text").fill("The video switch failed.");
    await typo.getByRole("button", { name: "Save correction" }).click();
    await expect(page.getByText("Correction saved.")).toBeVisible({ timeout: 30_000 });

    await entries.filter({ hasText: "Posted by mistake." }).getByRole("link", { name: "Delete this update" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Delete this update?" })).toBeVisible();
    await page.getByRole("button", { name: "Delete update" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Update deleted." })).toBeVisible({ timeout: 30_000 });
    await expect(entries).toHaveCount(2);

    await page.goto(`/incidents/${id}`);
    await expect(async () => {
      await page.reload();
      const updates = page.getByRole("region", { name: "Updates" }).getByRole("listitem");
      await expect(updates).toHaveCount(2, { timeout: 1_000 });
      await expect(updates.nth(0)).toContainText("The video switch failed.", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByText("Posted by mistake.")).toHaveCount(0);
  });
});

import { and, eq, isNull } from "drizzle-orm";
import { components, componentStatusChanges } from "@/db/schema";
import { insertComponent, insertGroup } from "@/db/writes/components";
import { expect, formStatus, test } from "./fixtures";

test.describe("managing services", () => {
  test.use({ signedInAs: "owner" });

  test("adds a group and a service in it, which visitors see at once", async ({ page, unique, snapshot }) => {
    const group = unique("Printers");
    const service = unique("Floor 3 printer");
    await page.goto("/admin/services");
    await page.getByRole("link", { name: "Add a group" }).click();
    await page.getByLabel("Group name").fill(group);
    await page.getByRole("button", { name: "Add group" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Group added." })).toBeVisible();

    await page.getByRole("link", { name: "Add a service" }).click();
    await page.getByLabel("Name").fill(service);
    await page.getByLabel("Description (optional)").fill("The one by the kitchen");
    await page.getByLabel("Group").selectOption({ label: group });
    await page.getByRole("button", { name: "Add service" }).click();
    await expect(
      page.getByRole("list", { name: `Services in ${group}` }).getByText(service, { exact: true }),
    ).toBeVisible();
    await snapshot(page, "console-services");

    await page.goto("/");
    await page.getByText(group, { exact: true }).click();
    await expect(page.getByText(service, { exact: true })).toBeVisible();
  });

  test("explains bad input field by field and keeps what was typed", async ({ page }) => {
    await page.goto("/admin/services/new");
    await page.getByRole("button", { name: "Add service" }).click();
    await expect(page.getByText("Enter a name.")).toBeVisible();
    await expect(page.getByLabel("Name")).toBeFocused();

    const long = "n".repeat(101);
    await page.getByLabel("Name").fill(long);
    await page.getByLabel("Description (optional)").fill("d".repeat(1001));
    await page.getByRole("button", { name: "Add service" }).click();
    await expect(page.getByText("Use at most 100 characters (this has more).")).toBeVisible();
    await expect(page.getByText("Use at most 1000 characters (this has more).")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(long);
    await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  });

  test("sets a status by hand, announced, recorded with the member, shown publicly", async ({
    page,
    db,
    pageId,
    member,
    unique,
  }) => {
    const name = unique("Badge readers");
    const id = insertComponent(db, { pageId, name, at: Date.now(), actor: { source: "manual" } });
    await page.goto("/admin/services");
    await page.getByLabel(`Status of ${name}`, { exact: true }).selectOption("Major outage");
    await page.getByRole("button", { name: `Set status of ${name}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${name} is now: Major outage.` })).toBeVisible();
    const last = db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, id))
      .all()
      .at(-1);
    expect(last).toMatchObject({ status: "major_outage", source: "manual", userId: member!.id });
    await page.goto("/");
    await expect(page.getByRole("listitem").filter({ hasText: name }).getByText("Major outage")).toBeVisible();
    await page.goto("/admin/services");
    await page.getByLabel(`Status of ${name}`, { exact: true }).selectOption("Operational");
    await page.getByRole("button", { name: `Set status of ${name}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${name} is now: Operational.` })).toBeVisible();
  });

  test("reorders with the keyboard, keeping focus on the button", async ({ page, db, pageId, unique }) => {
    const group = insertGroup(db, { pageId, name: unique("Keyboard group"), at: Date.now() });
    const first = unique("First");
    const second = unique("Second");
    for (const name of [first, second])
      insertComponent(db, { pageId, groupId: group, name, at: Date.now(), actor: { source: "manual" } });
    await page.goto("/admin/services");
    const down = page.getByRole("button", { name: `Move ${first} down` });
    await down.focus();
    await page.keyboard.press("Enter");
    await expect(formStatus(page)).toHaveText(`Moved ${first} down.`);
    const list = page
      .getByRole("list")
      .filter({ has: page.getByText(first) })
      .last();
    await expect(list.getByRole("listitem").first()).toContainText(second);
    await expect(page.getByRole("button", { name: `Move ${first} down` })).toBeDisabled();
    await expect(page.getByRole("button", { name: `Move ${first} up` })).toBeEnabled();
  });

  test("reorders by drag and drop", async ({ page, db, pageId, unique }) => {
    const group = insertGroup(db, { pageId, name: unique("Drag group"), at: Date.now() });
    const [a, b, c] = ["Alpha", "Bravo", "Charlie"].map((n) => unique(n));
    for (const name of [a, b, c])
      insertComponent(db, { pageId, groupId: group, name, at: Date.now(), actor: { source: "manual" } });
    await page.goto("/admin/services");
    const items = page.getByRole("list", { name: /Services in Drag group/ }).getByRole("listitem");
    await items
      .filter({ hasText: c })
      .dragTo(items.filter({ hasText: a }), { sourcePosition: { x: 12, y: 12 }, targetPosition: { x: 12, y: 8 } });
    await expect(formStatus(page)).toHaveText("New order saved.");
    await expect(items.first()).toContainText(c);
    const order = db
      .select()
      .from(components)
      .where(eq(components.groupId, group))
      .all()
      .sort((x, y) => x.position - y.position)
      .map((r) => r.name);
    expect(order).toEqual([c, a, b]);
  });

  test("deleting asks first, says what goes with it, and keeps the row for past incidents", async ({
    page,
    db,
    pageId,
    unique,
  }) => {
    const name = unique("Old fax");
    const id = insertComponent(db, { pageId, name, at: Date.now(), actor: { source: "manual" } });
    await page.goto("/admin/services");
    await page.getByRole("link", { name: `Delete ${name}` }).click();
    await expect(page.getByRole("heading", { name: `Delete ${name}?` })).toBeVisible();
    await expect(page.getByText("No incident or maintenance mentions it.")).toBeVisible();
    await page.getByRole("button", { name: `Delete ${name}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Service deleted." })).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);
    expect(
      db
        .select()
        .from(components)
        .where(and(eq(components.id, id), isNull(components.deletedAt)))
        .get(),
    ).toBeUndefined();
    expect(db.select().from(components).where(eq(components.id, id)).get()?.name).toBe(name);
  });

  test("a cross-site form post to a console action is refused and changes nothing", async ({ page, db, unique }) => {
    await page.goto("/admin/services/new");
    const actionField = await page.locator('input[name^="$ACTION_ID_"]').first().getAttribute("name");
    expect(actionField).toBeTruthy();
    const name = unique("Forged");
    const response = await page.request.post("/admin/services/new", {
      headers: { origin: "https://evil.example" },
      multipart: { [actionField!]: "", name },
      maxRedirects: 0,
    });
    expect(response.status()).not.toBe(303);
    expect(db.select().from(components).where(eq(components.name, name)).get()).toBeUndefined();
  });
});

test.describe("services, for an editor", () => {
  test.use({ signedInAs: "editor" });
  test("the page answers 403 and the nav does not offer it", async ({ page }) => {
    const response = await page.goto("/admin/services");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });
});

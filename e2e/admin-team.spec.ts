import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { formStatus } from "./fixtures";
import { expect, test } from "./notification-fixtures";

test.describe("the team", () => {
  test.use({ signedInAs: "owner" });

  test("an owner invites someone by email, who joins through the emailed link once", async ({
    page,
    browser,
    db,
    unique,
    snapshot,
    inbox,
  }) => {
    const email = `${unique("invitee").replace(/\W+/g, "-")}@example.com`.toLowerCase();
    await page.goto("/admin/team");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("Editor");
    await page.getByRole("button", { name: "Create invitation" }).click();
    // The server has a Resend key: the invitation goes by email, and the console does not show the link.
    await expect(formStatus(page).first()).toContainText(`Invitation sent to ${email}.`);
    await expect(page.getByLabel(/Invitation link/)).toHaveCount(0);
    const invitation = await inbox(email, /^You are invited to the .* status page team$/);
    expect(invitation.text).toContain("Editor");
    expect(invitation.text).toContain("owner@example.com");
    const link = invitation.text!.match(/https?:\/\/\S+\/invite\/[\w-]+/)![0];
    expect(link).toMatch(/\/invite\/[\w-]{40,}$/);
    expect(invitation.html).toContain(link);
    await expect(page.getByText(`${email} · Editor`)).toBeVisible();
    await snapshot(page, "console-team");

    const guest = await browser.newContext();
    const invited = await guest.newPage();
    await invited.goto(link);
    await expect(invited.getByRole("heading", { name: "Join the status page team" })).toBeVisible();
    await invited.getByLabel("Your name").fill("New Editor");
    await invited.getByLabel("Choose a password").fill("short");
    await invited.getByRole("button", { name: "Join the team" }).click();
    await expect(invited.getByText("Use at least 12 characters.")).toBeVisible();
    await invited.getByLabel("Choose a password").fill("a long enough password");
    await invited.getByLabel("Password again").fill("a long enough password");
    await invited.getByRole("button", { name: "Join the team" }).click();
    await expect(invited.getByText(`Signed in as ${email}`)).toBeVisible({ timeout: 15_000 });
    expect(db.select().from(users).where(eq(users.email, email)).get()?.role).toBe("editor");

    await invited.goto(link);
    await expect(invited.getByRole("heading", { name: "This invitation link is no longer valid" })).toBeVisible();
    await guest.close();
  });

  test("changes a member's role and removes them, asking first", async ({ page, createMember, db }) => {
    const member = createMember("editor");
    await page.goto("/admin/team");
    await page.getByLabel(`Role of ${member.email}`, { exact: true }).selectOption("Admin");
    await page.getByRole("button", { name: `Change role of ${member.email}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${member.email} is now admin.` })).toBeVisible();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: `Remove ${member.email}` }).click();
    await expect(page.getByText(member.email)).toHaveCount(0);
    expect(db.select().from(users).where(eq(users.id, member.id)).get()).toBeUndefined();
  });

  test("the last owner cannot demote themselves", async ({ page, member }) => {
    await page.goto("/admin/team");
    await page.getByLabel(`Role of ${member!.email}`, { exact: true }).selectOption("Editor");
    await page.getByRole("button", { name: `Change role of ${member!.email}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "This is the last owner." })).toBeVisible();
  });
});

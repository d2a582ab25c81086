// Recovering a lost password the way a member would: "Forgot your password?" on /login, the email as it
// arrives at the (fake) Resend API, the link, a new password, and signing in with it.
import { eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { formStatus, signInThroughForm } from "./fixtures";
import { expect, test } from "./notification-fixtures";

const NEW_PASSWORD = "a fresh e2e password 7";

test("a member resets a forgotten password by email and signs in with the new one", async ({
  page,
  createMember,
  inbox,
  db,
}) => {
  const member = createMember("editor");
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(member.email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(formStatus(page)).toContainText(
    `If ${member.email} belongs to a member of the team, a link to reset the password is on its way`,
  );

  const email = await inbox(member.email, /^Reset your .* console password$/);
  const link = /http:\/\/\S+\/login\/reset\/[\w-]+/.exec(email.text ?? "")![0];
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill("something else entirely");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("The two passwords differ.")).toBeVisible({ timeout: 15_000 });
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-reset$/, { timeout: 15_000 });
  await expect(page.getByRole("status").filter({ hasText: "Your password was changed" })).toBeVisible();

  await signInThroughForm(page, member.email, NEW_PASSWORD);
  expect(
    db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.password_reset"))
      .all()
      .some((e) => e.targetId === member.id),
  ).toBe(true);

  // The link worked once.
  const again = await page.goto(link);
  expect(again?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This reset link is no longer valid" })).toBeVisible();
});

test("an unknown address gets the same answer, and no email", async ({
  page,
  unique,
  createMember,
  inbox,
  fakeResendUrl,
}) => {
  const ghost = `${unique("nobody").replace(/\W+/g, "-")}@example.com`;
  const member = createMember("editor");
  for (const address of [ghost, member.email]) {
    await page.goto("/login/forgot");
    await page.getByLabel("Email").fill(address);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(formStatus(page)).toContainText(
      `If ${address} belongs to a member of the team, a link to reset the password is on its way`,
    );
  }
  // The member's email, asked for after the ghost's, has arrived: the worker is past both requests.
  await inbox(member.email, /^Reset your .* console password$/);
  const { data } = (await (await fetch(`${fakeResendUrl}/_test/emails`)).json()) as { data: { to: string[] }[] };
  expect(data.some((e) => e.to.includes(ghost))).toBe(false);
});

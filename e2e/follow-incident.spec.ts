// Following one incident from its (cached, script-free) page: the form works without JavaScript, the
// confirmation and updates arrive through the real outbox at the fake Resend server, and nothing more
// arrives after the resolution.
import AxeBuilder from "@axe-core/playwright";
import { SYSTEM } from "@/core/actor";
import { and, eq } from "drizzle-orm";
import { components, notifications, pages } from "@/db/schema";
import { addIncidentUpdate, createIncident, publishPostmortem } from "@/services/incidents/incident-verbs";
import { expect, test } from "./notification-fixtures";

test.use({ javaScriptEnabled: false });

const linkIn = (text: string, path: string) => text.match(new RegExp(`https?://[^\\s>]+/${path}/[^\\s>]+`))![0];

test("follow an incident without JavaScript, confirm, get its updates, and nothing after its resolution", async ({
  page,
  browser,
  db,
  inbox,
  unique,
  snapshot,
  fakeResendUrl,
}) => {
  test.slow();
  const email = `${unique("follower").replace(/\W+/g, "-").toLowerCase()}@example.com`;
  const service = db.select().from(components).get()!;
  expect(db.select().from(pages).get()).toBeTruthy();
  const name = unique("Printing fails");
  const { id } = createIncident(db, SYSTEM, {
    name,
    message: "Jobs stay in the queue.",
    componentStatuses: { [service.id]: "partial_outage" },
  });

  await page.goto(`/incidents/${id}`);
  const follow = page.getByRole("region", { name: "Get updates on this incident" });
  await follow.getByLabel("Email address").fill(email);
  await snapshot(page, "follow-incident-form");
  // axe runs in the page, so it needs JavaScript: a phone-sized dark context of its own, which also takes
  // the small-screen screenshots of the form and of its own page.
  const phone = await browser.newContext({
    javaScriptEnabled: true,
    viewport: { width: 375, height: 800 },
    colorScheme: "dark",
  });
  const look = await phone.newPage();
  for (const [path, shot] of [
    [`/incidents/${id}`, "follow-incident-form-375-dark"],
    [`/incidents/${id}/follow`, "follow-incident-page-375-dark"],
  ]) {
    await look.goto(path);
    await snapshot(look, shot);
    const axe = await new AxeBuilder({ page: look }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => `${path} ${v.id}: ${v.help}`)).toEqual([]);
    expect(await look.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  }
  await phone.close();
  await follow.getByRole("button", { name: "Get updates" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await snapshot(page, "follow-incident-check-inbox");

  const confirmation = await inbox(email, /^Confirm: updates on/);
  expect(confirmation.subject).toContain(name);
  await page.goto(linkIn(confirmation.text!, "subscribe/confirm"));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Your subscription is confirmed.")).toBeVisible();
  await expect(page.getByText(/You follow/)).toContainText(name);

  addIncidentUpdate(db, SYSTEM, id, { status: "identified", message: "A full spool.", componentStatuses: {} });
  const update = await inbox(email, new RegExp(`^\\[Identified\\] ${name}$`));
  expect(update.text).toContain("A full spool.");

  addIncidentUpdate(db, SYSTEM, id, { status: "resolved", message: "Spool cleared.", componentStatuses: {} });
  await inbox(email, new RegExp(`^\\[Resolved\\] ${name}$`));

  // After the resolution: the postmortem goes out to the page's subscribers, not to this follower (who did
  // not ask for it), and the follow is over.
  publishPostmortem(db, SYSTEM, id, { notify: true, body: "What happened, and what we changed." });
  const postmortem = db
    .select()
    .from(notifications)
    .where(and(eq(notifications.incidentId, id), eq(notifications.kind, "postmortem_published")))
    .get()!;
  await expect
    .poll(() => db.select().from(notifications).where(eq(notifications.id, postmortem.id)).get()!.fannedOutAt, {
      timeout: 15_000,
    })
    .not.toBeNull();
  const { data } = (await (await fetch(`${fakeResendUrl}/_test/emails`)).json()) as { data: { to: string[] }[] };
  expect(data.filter((e) => e.to.includes(email))).toHaveLength(3);

  // Nothing is left to follow: the page offers no form.
  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole("region", { name: "Get updates on this incident" })).toHaveCount(0);
});

// Scheduled maintenance on the home page stays short: a recurring series shows once with its rule in words,
// the next few windows are cards, the rest fold away (and still work without JavaScript).
import { DAY, HOUR } from "@/core/time";
import { expect, test } from "./layout-fixtures";

test.use({ javaScriptEnabled: false });

test("a weekly rule shows once with its rule in words, and only the next few windows are cards", async ({
  page,
  makeService,
  makeIncident,
  makeWeeklyMaintenance,
  unique,
  snapshot,
}) => {
  const serviceId = makeService(unique("File servers"));
  const series = unique("Weekly file server patching");
  const { occurrenceIds } = makeWeeklyMaintenance(series, [serviceId]);
  expect(occurrenceIds.length).toBeGreaterThanOrEqual(8);
  const now = Date.now();
  const oneOffs = Array.from({ length: 5 }, (_, i) => {
    const name = unique(`Network change ${i + 1}`);
    makeIncident({
      name,
      kind: "maintenance",
      startedAt: now + (i + 1) * DAY + HOUR,
      componentIds: [serviceId],
      maintenance: {
        scheduledFor: now + (i + 1) * DAY + HOUR,
        scheduledUntil: now + (i + 1) * DAY + 2 * HOUR,
        autoStart: false,
        autoComplete: false,
        remindBeforeMinutes: null,
        setComponentsUnderMaintenance: true,
      },
      updates: [{ status: "scheduled", body: "A planned change." }],
    });
    return name;
  });

  await page.goto("/");
  const section = page.getByRole("region", { name: "Scheduled maintenance" });
  // The series: once (a card, or a line under "and N more" when other windows come first), saying how it
  // repeats in the words the console uses for the rule.
  await expect(section.getByRole("link", { name: series, includeHidden: true })).toHaveCount(1);
  await expect(section).toContainText("Every Sunday at 02:00 (Etc/UTC) for 1 hour");
  // At most three cards; everything else is behind "and N more", which opens without JavaScript.
  const cards = section.getByRole("article");
  expect(await cards.count()).toBeLessThanOrEqual(3);
  const more = section.locator("details > summary").filter({ hasText: /^and \d+ more$/ });
  await expect(more).toHaveCount(1);
  const folded = section
    .locator("details")
    .filter({ has: page.locator("summary", { hasText: /^and \d+ more$/ }) })
    .getByRole("link", { includeHidden: true });
  await expect(folded.first()).toBeHidden();
  await more.click();
  await expect(folded.first()).toBeVisible();
  const allNames = [...(await cards.allTextContents()), ...(await folded.allTextContents())].join("\n");
  for (const name of oneOffs) expect(allNames).toContain(name);
  await more.click();
  const height = (await section.boundingBox())!.height;
  expect(height).toBeLessThan(1200);
  await snapshot(page, "maintenance-folded");
});

test("a series among the next windows is one card with its rule and its later windows folded inside", async ({
  page,
  makeService,
  makeWeeklyMaintenance,
  unique,
  snapshot,
}) => {
  const series = unique("Weekly backup window");
  const { occurrenceIds } = makeWeeklyMaintenance(series, [makeService(unique("Backup"))]);
  await page.goto("/");
  const card = page
    .getByRole("region", { name: "Scheduled maintenance" })
    .getByRole("article")
    .filter({ has: page.getByRole("link", { name: series }) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("Repeats: Every Sunday at 02:00 (Etc/UTC) for 1 hour");
  const later = card.locator("summary", { hasText: `${occurrenceIds.length - 1} later windows scheduled` });
  await expect(later).toBeVisible();
  await later.click();
  await expect(card.locator("details li")).toHaveCount(occurrenceIds.length - 1);
  await snapshot(page, "maintenance-series-card");
});

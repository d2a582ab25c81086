import { eq } from "drizzle-orm";
import { pages } from "@/db/schema";
import { DAY, HOUR } from "@/core/time";
import { expect, test } from "./public-fixtures";

test.describe("an outage on the public page", () => {
  test("shows the banner, the active incident, its latest update and links to its timeline", async ({
    page,
    makeService,
    makeIncident,
    unique,
    snapshot,
  }) => {
    const service = unique("Print Server");
    const name = unique("Printing queue stuck");
    const serviceId = makeService(service);
    const id = makeIncident({
      name,
      componentIds: [serviceId],
      updates: [
        { status: "investigating", body: "Print jobs are not leaving the queue.", set: "partial_outage" },
        { status: "investigating", body: "We have found the **stuck spooler** and are restarting it." },
      ],
    });

    await page.goto("/");
    // One service in partial outage alone is "minor", but the open incident's impact (major) raises the page.
    await expect(page.getByRole("heading", { level: 2, name: "Partial System Outage" })).toBeVisible();
    await expect(page).toHaveTitle("Example IT Services Status - Partial System Outage");
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /favicon-major\.svg/);
    const active = page.getByRole("region", { name: "Active incidents" });
    const card = active.getByRole("article").filter({ hasText: name });
    await expect(card.getByText("Major impact")).toBeVisible();
    await expect(card.getByText("Update", { exact: true })).toBeVisible();
    await expect(card.getByText("stuck spooler")).toBeVisible();
    await expect(card.getByText(`Affects: ${service}`)).toBeVisible();
    const row = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: service }) });
    await expect(row.getByText("Partial outage")).toBeVisible();
    await snapshot(page, "public-outage-desktop-light");

    await card.getByRole("link", { name }).click();
    await expect(page).toHaveURL(`/incidents/${id}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const updates = page.getByRole("region", { name: "Updates" }).getByRole("listitem");
    await expect(updates).toHaveCount(2);
    await expect(updates.nth(0)).toContainText("Update");
    await expect(updates.nth(0)).toContainText("stuck spooler");
    await expect(updates.nth(1)).toContainText("Investigating");
    await expect(page.getByText(service, { exact: true })).toBeVisible();
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", new RegExp(name));
    await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary");
  });

  test.describe("on a phone in dark mode", () => {
    test.use({ viewport: { width: 375, height: 740 }, colorScheme: "dark" });
    test("keeps the outage readable and fits the screen", async ({
      page,
      makeService,
      makeIncident,
      unique,
      snapshot,
    }) => {
      const serviceId = makeService(unique("Door Access"));
      makeIncident({
        name: unique("Badge readers offline"),
        componentIds: [serviceId],
        updates: [{ status: "identified", body: "Use the side entrance.", set: "major_outage" }],
      });
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Major System Outage" })).toBeVisible();
      await expect(
        page.getByRole("region", { name: "Active incidents" }).getByText("Use the side entrance."),
      ).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await snapshot(page, "public-outage-phone-dark");
    });
  });
});

test.describe("hostile admin content", () => {
  const hostileBody = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '<iframe src="https://evil.example"></iframe>',
    "[click me](javascript:window.__pwned=3)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pixel](https://tracker.example/p.gif)",
  ].join("\n\n");

  test("is shown as text, never as markup", async ({ page, request, makeService, makeIncident, unique }) => {
    const name = `<script>window.__pwned = 4</script> ${unique("Hostile")}`;
    const id = makeIncident({
      name,
      componentIds: [makeService(unique("Target"))],
      updates: [{ status: "investigating", body: hostileBody, set: "degraded_performance" }],
    });
    for (const path of ["/", `/incidents/${id}`, "/history"]) {
      const html = await (await request.get(path)).text();
      expect(html).toContain("Hostile");
      expect(html).not.toMatch(/<script>window\.__pwned/);
      expect(html).not.toMatch(/<(img|iframe)\b[^>]*(onerror|evil\.example|tracker)/i);
      expect(html).not.toMatch(/href="(javascript|data):/i);
    }
    await page.goto(`/incidents/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("<script>window.__pwned = 4</script>");
    await expect(page.getByRole("link", { name: "click me" })).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test.describe("hostile page settings", () => {
  test("footer text stays text and a javascript: support link never becomes a link target", async ({
    request,
    db,
    pageId,
  }) => {
    const original = db.select().from(pages).where(eq(pages.id, pageId)).get()!;
    try {
      db.update(pages)
        .set({
          footerText: '<img src=x onerror="alert(1)"> Footer',
          supportUrl: "javascript:alert(1)",
          updatedAt: Date.now(),
        })
        .where(eq(pages.id, pageId))
        .run();
      const html = await (await request.get("/")).text();
      expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Footer");
      expect(html).not.toContain('href="javascript:');
      expect(html).toMatch(/<a href="#"[^>]*>Get support<\/a>/);
    } finally {
      db.update(pages)
        .set({ footerText: original.footerText, supportUrl: original.supportUrl, updatedAt: Date.now() })
        .where(eq(pages.id, pageId))
        .run();
    }
  });
});

test.describe("incident pages", () => {
  test("unknown and malformed ids are a real 404", async ({ page }) => {
    for (const path of ["/incidents/zzzzzzzzzzzz", "/incidents/%3Cscript%3E", "/incidents/1"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    }
  });

  test("a maintenance shows its window and affected services", async ({ page, makeService, makeIncident, unique }) => {
    const service = unique("Storage Array");
    const start = Date.now() + 2 * DAY;
    const name = unique("Storage firmware");
    const id = makeIncident({
      name,
      kind: "maintenance",
      startedAt: start,
      componentIds: [makeService(service)],
      maintenance: {
        scheduledFor: start,
        scheduledUntil: start + 2 * HOUR,
        autoStart: false,
        autoComplete: false,
        remindBeforeMinutes: null,
        setComponentsUnderMaintenance: true,
      },
      updates: [{ status: "scheduled", body: "Firmware upgrade of the storage array." }],
    });
    await page.goto("/");
    const upcoming = page.getByRole("region", { name: "Scheduled maintenance" });
    await expect(upcoming.getByRole("link", { name })).toBeVisible();
    await expect(upcoming.getByText(`Affects: ${service}`)).toBeVisible();
    await page.goto(`/incidents/${id}`);
    await expect(page.getByText("Scheduled", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: /\d{2}:\d{2} .+ to .+ \d{2}:\d{2}/ })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: service })).toBeVisible();
  });
});

test.describe("uptime bars", () => {
  test("show a day's uptime and incidents on keyboard focus and arrow keys", async ({
    page,
    makeService,
    makeIncident,
    setStatus,
    unique,
  }) => {
    const service = unique("Backup Service");
    const id = makeService(service, { since: Date.now() - 10 * DAY });
    const yesterdayNoon = Math.floor(Date.now() / DAY) * DAY - 12 * HOUR;
    const name = unique("Backups failing");
    makeIncident({
      name,
      startedAt: yesterdayNoon,
      componentIds: [id],
      updates: [
        { status: "investigating", body: "Nightly backups failed." },
        { status: "resolved", body: "Fixed." },
      ],
    });
    setStatus(id, "major_outage", yesterdayNoon);
    setStatus(id, "operational", yesterdayNoon + 6 * HOUR);

    await page.goto("/");
    const bars = page.getByRole("img", {
      name: new RegExp(`^${service}: \\d+\\.\\d\\d% uptime over the last 90 days$`),
    });
    await expect(bars).toBeVisible();
    await bars.focus();
    await page.keyboard.press("ArrowLeft");
    const yesterday = new Date(yesterdayNoon).toLocaleDateString("en-US", {
      month: "short",
      day: "numeric",
      year: "numeric",
      timeZone: "UTC",
    });
    const tip = page.locator("#uptime-tip");
    await expect(tip).toContainText(yesterday);
    await expect(tip).toContainText("75.00% uptime - Major outage");
    await expect(tip.getByRole("link", { name })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(tip).toBeHidden();
    // Days before the service went live have no data.
    await bars.focus();
    await page.keyboard.press("Home");
    await expect(tip).toContainText("No data");
  });
});

test.describe("times", () => {
  test.use({ timezoneId: "Asia/Tokyo" });
  test("are shown in the visitor's zone with the zone named", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("region", { name: "All Systems Operational" }).locator("time")).toContainText("GMT+9");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("stay in the page's zone, named", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByText(/^Last updated .* UTC$/)).toBeVisible();
    });
  });
});

test.describe("the home page on a quiet day", () => {
  test("lists the last 14 days of past incidents, quiet days included", async ({ page }) => {
    await page.goto("/");
    const past = page.getByRole("region", { name: "Past incidents" });
    await expect(past.getByRole("heading", { level: 3 })).toHaveCount(14);
    await expect(past.getByText("No incidents reported.").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Subscribe to updates" })).toHaveAttribute("href", "/subscribe");
    for (const [label, href] of [
      ["Atom feed", "/history.atom"],
      ["RSS feed", "/history.rss"],
      ["Status JSON", "/api/v2/summary.json"],
      ["API", "/api"],
    ]) {
      await expect(page.getByRole("contentinfo").getByRole("link", { name: label, exact: true })).toHaveAttribute(
        "href",
        href,
      );
    }
  });

  test("shows an only-if-degraded service while it is degraded", async ({ page, makeService, setStatus, unique }) => {
    const name = unique("Fax Gateway");
    const id = makeService(name, { onlyShowIfDegraded: true });
    await page.goto("/");
    await expect(page.getByRole("heading", { name })).toHaveCount(0);
    setStatus(id, "degraded_performance", Date.now());
    await page.reload();
    await expect(page.getByRole("heading", { name })).toBeVisible();
  });
});

test.describe("the history page", () => {
  test("filters by service with plain links", async ({ page, makeService, makeIncident, unique, snapshot }) => {
    const service = unique("Scanner");
    const name = unique("Scanner offline");
    makeIncident({
      name,
      startedAt: Date.now() - 2 * HOUR,
      componentIds: [makeService(service)],
      updates: [{ status: "resolved", body: "Back." }],
    });
    await page.goto("/history");
    await expect(page.getByRole("heading", { level: 1, name: "Incident history" })).toBeVisible();
    await expect(page.getByRole("link", { name })).toBeVisible();
    const filter = page.getByRole("navigation", { name: "Service" });
    await expect(filter.getByRole("link", { name: "All services" })).toHaveAttribute("aria-current", "page");
    await filter.getByRole("link", { name: service }).click();
    await expect(page).toHaveURL(/component=/);
    await expect(filter.getByRole("link", { name: service })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("link", { name })).toBeVisible();
    await expect(page.getByRole("link", { name: "Wi-Fi dropping in the Science Building" })).toHaveCount(0);
    await snapshot(page, "public-history-desktop-light");
  });

  test("pages back three months at a time", async ({ page, makeService, makeIncident, unique }) => {
    const name = unique("Old outage");
    makeIncident({
      name,
      startedAt: Date.now() - 200 * DAY,
      componentIds: [makeService(unique("Legacy"))],
      updates: [{ status: "resolved", body: "Done." }],
    });
    await page.goto("/history");
    await expect(page.getByRole("link", { name })).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(3);
    await page.getByRole("link", { name: "Older" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(3);
    await expect(page.getByRole("link", { name: "Newer" })).toBeVisible();
    await page.getByRole("link", { name: "Older" }).click();
    await expect(page).toHaveURL(/page=3/);
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  test("ignores bad input instead of failing or echoing it", async ({ request }) => {
    const response = await request.get("/history?page=-3&component=%3Cscript%3Ealert(1)%3C/script%3E");
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain("Incident history");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toMatch(/<a aria-current="page"[^>]*href="\/history">All services<\/a>/);
  });
});

test.describe("the error pages", () => {
  test("an unknown path has the page's 404 with a way back", async ({ page }) => {
    const response = await page.goto("/definitely/not/here");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("link", { name: "Back to the status page" })).toHaveAttribute("href", "/");
  });
});

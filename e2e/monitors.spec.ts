// Detection end to end: an HTTP monitor created in the console watches a real server on 127.0.0.1 that the
// test takes down and brings back; the public page follows by itself, the draft incident waits for the admin,
// who publishes it; recovery resolves it. A heartbeat monitor goes down when its job stops calling.
import http from "node:http";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { automaticIncidents, components, incidents, monitors } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { expect, test } from "./fixtures";

const TARGET_PORT = 3194;
let healthy = true;
let server: http.Server;

test.beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(healthy ? 200 : 503, { "content-type": "text/plain" });
    res.end(healthy ? "ok" : "unavailable");
  });
  await new Promise<void>((resolve) => server.listen(TARGET_PORT, "127.0.0.1", resolve));
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// What these tests made leaves with them, also when one fails half-way: a monitor left running against the
// closed target would take its service down and change the overall status the later specs read.
const madeServices: string[] = [];
const madeMonitors: string[] = [];
test.afterAll(({ db }) => {
  if (madeMonitors.length) db.delete(monitors).where(inArray(monitors.name, madeMonitors)).run();
  if (madeServices.length === 0) return;
  const drafts = db
    .select({ id: automaticIncidents.incidentId })
    .from(automaticIncidents)
    .where(inArray(automaticIncidents.componentId, madeServices))
    .all();
  const incidentIds = drafts.map((d) => d.id).filter((id): id is string => id !== null);
  if (incidentIds.length) db.delete(incidents).where(inArray(incidents.id, incidentIds)).run();
  db.delete(components).where(inArray(components.id, madeServices)).run();
});

/** axe finds nothing on the page as it is now. */
async function accessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("monitors", () => {
  test.use({ signedInAs: "owner" });

  test("an HTTP monitor takes its service down by itself, drafts an incident, and recovers it", async ({
    page,
    db,
    pageId,
    unique,
    snapshot,
  }) => {
    test.setTimeout(150_000);
    const serviceName = unique("Intranet");
    const componentId = insertComponent(db, { pageId, name: serviceName, at: Date.now(), actor: { source: "manual" } });
    madeServices.push(componentId);
    const statusOnPage = async () => {
      await page.goto("/");
      return page.locator(`[data-component="${componentId}"] > div`).first();
    };

    await page.goto("/admin/monitors");
    await page.getByRole("link", { name: "New monitor" }).click();
    await accessible(page);
    await page.getByRole("link", { name: "HTTP(S)" }).click();
    await accessible(page);
    madeMonitors.push(`${serviceName} health`);
    await page.getByLabel("Name").fill(`${serviceName} health`);
    await page.getByLabel("URL").fill(`http://127.0.0.1:${TARGET_PORT}/health`);
    await page.getByLabel("Interval (seconds)").fill("10");
    await page.getByLabel("Service it reports on").selectOption({ label: serviceName });
    await page.getByLabel("Failures before down").fill("1");
    await page.getByLabel("Successes before up").fill("1");
    await page.getByLabel("When it goes down").selectOption("draft");
    await page.getByRole("button", { name: "Save monitor" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Monitor created." })).toBeVisible();
    await expect(page.getByTestId("monitor-state")).toHaveText(/up|unknown/);
    await accessible(page);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("monitor-state")).toHaveText("up");
    }).toPass({ timeout: 30_000 });

    healthy = false;
    await expect(async () => {
      await expect(await statusOnPage()).toContainText("Major outage");
    }).toPass({ timeout: 30_000 });
    // The draft waits for the admin; subscribers have been told nothing: no incident exists yet.
    expect(
      db
        .select()
        .from(incidents)
        .where(eq(incidents.name, `${serviceName} health is not responding`))
        .all(),
    ).toEqual([]);
    // The team sees it at the top of the console overview.
    await page.goto("/admin");
    const detection = page.getByRole("region", { name: /monitors? (is|are) failing/ });
    await expect(detection.getByRole("link", { name: `${serviceName} health` })).toBeVisible();
    await expect(detection.getByRole("link", { name: "1 draft incident to publish or dismiss" })).toBeVisible();
    await page.goto("/admin/monitors");
    const drafts = page.getByRole("region", { name: "Draft incidents waiting for you" });
    await expect(drafts.locator("strong", { hasText: `${serviceName} health is not responding` })).toBeVisible();
    await snapshot(page, "console-monitors-draft");
    await accessible(page);
    await drafts.getByRole("button", { name: `Publish ${serviceName} health is not responding` }).click();
    await expect(page.getByRole("heading", { name: `${serviceName} health is not responding` })).toBeVisible();
    await page.goto("/");
    await expect(page.getByText(`${serviceName} health is not responding`).first()).toBeVisible();

    healthy = true;
    await expect(async () => {
      await expect(await statusOnPage()).toContainText("Operational");
    }).toPass({ timeout: 30_000 });
    // The monitor page with a day of results: chart, its table, results and state changes.
    await page.goto("/admin/monitors");
    await page.getByRole("link", { name: `${serviceName} health` }).click();
    await expect(page.getByText("Response time, last 24 hours", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Up in \d+ ms\.$/ })).toBeVisible();
    await expect(page.getByRole("list", { name: "Check details" })).toContainText("statusCode: 200");
    await accessible(page);
    await snapshot(page, "console-monitor");
    const incident = db
      .select()
      .from(incidents)
      .where(eq(incidents.name, `${serviceName} health is not responding`))
      .get()!;
    expect(incident.status).toBe("resolved");
    expect(db.select().from(components).where(eq(components.id, componentId)).get()!.status).toBe("operational");
  });

  test("a heartbeat monitor goes down when its job stops calling", async ({ page, request, unique }) => {
    test.setTimeout(90_000);
    const name = unique("Nightly backup");
    await page.goto("/admin/monitors/new?kind=heartbeat");
    madeMonitors.push(name);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Grace (seconds, optional)").fill("2");
    await page.getByLabel("Expected period (seconds)").fill("10");
    await page.getByRole("button", { name: "Save monitor" }).click();
    const url = (await page.getByTestId("heartbeat-url").textContent())!.trim();
    expect(url).toMatch(/\/api\/heartbeat\/[\w-]{43}$/);
    const call = await request.get(url);
    expect(call.status()).toBe(200);
    expect(await call.json()).toMatchObject({ ok: true, recorded: "up" });
    await page.getByRole("link", { name: "Open the monitor" }).click();
    await expect(page.getByTestId("monitor-state")).toHaveText("up");
    // The job stops calling: after 10 s + 2 s of grace the monitor is down.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("monitor-state")).toHaveText("down");
    }).toPass({ timeout: 40_000 });
    await expect(page.getByText(/No heartbeat for more than 12 s/).first()).toBeVisible();
    expect((await request.get(`${url}x`)).status()).toBe(404);
  });
});
